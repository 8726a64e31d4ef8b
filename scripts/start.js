// `npm start`: the main job. Until the lab page lands this runs the lesson's comparison
// (none / L2 / dropout) on a built-in data set and prints the table.
import { ensureNodeModules, run } from './ensure.js';

ensureNodeModules();
const args = process.argv.slice(2);
process.exitCode = run(process.execPath, ['bin/reglab.js', 'compare', ...(args.length ? args : ['--dataset', 'moons', '--noise', '0.3'])]);
