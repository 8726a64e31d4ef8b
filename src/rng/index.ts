export { NumpyRandom } from './mt19937';
export { philox4x32, wordToUnit24, mulhi32 } from './philox';
export { PhiloxNormal } from './philox-normal';
