/**
 * reglab's command line. stdout carries results (a table, or JSON with --json); stderr carries
 * progress, notices and errors. Exit codes: 0 success, 1 bad data or a failed run, 2 bad flags.
 */
import { Command, Option } from 'commander';
import { ACTIVATIONS, GPU_PATHS, type Activation } from './model/settings';
import { makeSpec } from './model/network';
import { pathUnfit, releaseGpu, unrolledKernelSource } from './gpu';
import { MASK_SOURCES, type MaskSource } from './model/hyper';
import { addTrainingFlags, type FlagGroup, integer, layerList, number, numberList, sizeList, UsageError } from './cli/options';
import { sweepCommand } from './cli/sweep';
import { DEFAULT_SWEEP_L2 } from './labs/sweep';
import { benchCommand } from './cli/bench';
import { GRADIENTS_DEFAULTS } from './labs/gradients';
import { LANDSCAPE_DEFAULTS } from './labs/landscape';
import { gradcheckCommand, gradientsCommand, initCompareCommand, landscapeCommand } from './cli/labs';
import { compareCommand, trainCommand } from './cli/commands';
import { oneLineErrors, refusal } from './cli/refusals';
import { version } from '../package.json';

/** --l2 and --keep-prob, whose meaning (and default) depends on the command. */
function addRegularizationFlags(cmd: Command, l2Help: string, keepProbHelp: string): Command {
  return cmd
    .addOption(new Option('--l2 <lambda>', l2Help).argParser(number))
    .addOption(new Option('--keep-prob <p>', keepProbHelp).argParser(number));
}

export function buildProgram(): Command {
  const program = new Command('reglab')
    .description('Train, compare and measure regularized neural networks on WebGPU and on the CPU reference.')
    .version(version, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  addRegularizationFlags(addTrainingFlags(
    program.command('train').description('train one network and print its cost log and accuracies').exitOverride(),
  ), 'L2 penalty λ (cost + λ/(2m)·Σ‖W‖²; default 0)', 'dropout keep probability in (0, 1] (default 1: no dropout)')
    .addOption(new Option('--l1 <lambda1>', 'L1 penalty λ₁ (cost + λ₁/m·Σ|W|, dW + λ₁/m·sign(W); alone or with --l2 and --keep-prob; default 0)').argParser(number))
    .addHelpText('after', `
L1 drives weights to zero (L2 only shrinks them): the output and the JSON (nearZeroShare) report the
share of weights with |w| < 1 % of the largest.
Examples:
  reglab train --dataset moons --iterations 5000
  reglab train --course --train train.csv --test test.csv --l2 0.7 --json
  reglab train --dataset moons --l1 0.05 --keep-prob 0.9`)
    .action((opts) => trainCommand(opts));

  addRegularizationFlags(addTrainingFlags(
    program.command('compare').description('train none / L2 / dropout from the same data and initialization and print the lesson\'s table').exitOverride(),
  ), 'λ of the L2 run (default 0.7)', 'keep_prob of the dropout run (default 0.86)')
    .addOption(new Option('--with-l1 <lambda1>', 'add a run with L1 alone, named "L1 (λ₁ = <lambda1>)": cost + λ₁/m·Σ|W|, dW + λ₁/m·sign(W)').argParser(number))
    .addOption(new Option('--l1 <lambda1>', 'an L1 penalty λ₁ shared by every other run (their names say so; default 0)').argParser(number))
    .option('--augmented', 'add a run: no regularization on augmented data (the --augment-* flags, or 4 jittered copies)')
    .addHelpText('after', `
The table's "weights ≈ 0" column (nearZeroShare in the JSON) is each run's share of weights with
|w| < 1 % of its largest: L1 drives weights to zero, L2 only shrinks them.
Examples:
  reglab compare --dataset moons --iterations 5000
  reglab compare --dataset moons --with-l1 0.05
  reglab compare --dataset moons --size 100 --noise 0.3 --augmented --augment-copies 8 --augment-sigma 0.1
  reglab compare --course --train train.csv --test test.csv`)
    .action((opts) => compareCommand(opts));

  addTrainingFlags(
    program.command('sweep').description('train a model per λ × λ₁ × keep_prob × seed — side by side on the GPU — and print their accuracies: the validation curve as a table').exitOverride(),
    ['data', 'layers', 'model', 'dropout', 'training', 'device', 'json', 'progress'],
  )
    .option('--l2 <list>', `λ values, comma-separated (default ${DEFAULT_SWEEP_L2.join(',')}; 0 when only --keep-prob or --l1 is given)`, numberList)
    .option('--l1 <list>', 'λ₁ values of the L1 penalty, comma-separated (default 0)', numberList)
    .option('--keep-prob <list>', 'keep_prob values in (0, 1], comma-separated (default 1)', numberList)
    .option('--seeds <n>', 'models per (λ, keep_prob): initial weights and dropout masks from --seed, --seed + 1, … (default 1)', integer)
    .option('--monitor <set>', 'where the best λ / keep_prob is chosen: validation (a split of the training data, held out of every model\'s training) or train (the whole training set); never test, whose accuracy is reported beside (default validation)')
    .option('--validation-fraction <f>', 'with --monitor validation: part of the training data held out, seeded by --seed (default 0.2)', number)
    .addHelpText('after', `
Each model is the run \`reglab train\` makes with its settings (--seed + k, --dropout-seed + k for seed k):
on the GPU's unrolled and fused paths (networks up to 64 units, or up to 256 with --gpu-path fused)
the models train side by side, one per workgroup, bit for bit as alone; otherwise one after another.
Model selection: every model trains on the training data less a validation split (--validation-fraction,
default 20 %, the same split for every model, seeded by --seed); the best is chosen on that split and
its test accuracy is reported beside it, never used to choose. --monitor train trains on the whole
training set and chooses on it (the notebook's numbers).
Examples:
  reglab sweep --course --data data.mat --l2 0,0.7 --keep-prob 1,0.86 --monitor train --backend gpu
  reglab sweep --dataset moons --l2 0,0.01,0.1,1 --keep-prob 1,0.8 --seeds 4 --iterations 5000 --json
  reglab sweep --dataset moons --l1 0,0.01,0.05,0.1`)
    .action((opts) => sweepCommand(opts));

  const LAB: FlagGroup[] = ['data', 'layers', 'model', 'dropout', 'training', 'device', 'json'];
  addRegularizationFlags(addTrainingFlags(
    program.command('init-compare').description('train the same network from each initialization: zeros, random, scaled, he, xavier').exitOverride(),
    LAB,
  ), 'L2 penalty λ (default 0)', 'dropout keep probability (default 1)')
    .addHelpText('after', `
Examples:
  reglab init-compare --dataset circles --iterations 15000 --learning-rate 0.01 --layers 10,5`)
    .action((opts) => initCompareCommand(opts));

  addRegularizationFlags(addTrainingFlags(
    program.command('gradients').description('per-layer gradient norms of a deep network over training: vanishing and exploding gradients').exitOverride(),
    LAB.filter((g) => g !== 'layers'), GRADIENTS_DEFAULTS,
  ), 'L2 penalty λ (default 0)', 'dropout keep probability (default 1)')
    .option('--depth <n>', `layers, counting the output layer (default ${GRADIENTS_DEFAULTS.depth})`, integer)
    .option('--width <n>', `units per hidden layer (default ${GRADIENTS_DEFAULTS.width})`, integer)
    .addHelpText('after', `
By default ${GRADIENTS_DEFAULTS.depth} ${GRADIENTS_DEFAULTS.activation} layers from ${GRADIENTS_DEFAULTS.init} init: the layers near the input get
gradients orders of magnitude smaller than the last one's (the last column, ‖dW_L‖/‖dW1‖).
Examples:
  reglab gradients
  reglab gradients --activation relu --init he
  reglab gradients --depth 12 --activation tanh --backend gpu`)
    .action((opts) => gradientsCommand(opts));

  addTrainingFlags(
    program.command('gradcheck').description('compare backprop with two-sided numerical gradients at initialization (verdict against 1e-7)').exitOverride(),
    ['data', 'layers', 'model', 'json', 'progress'],
  )
    .addOption(new Option('--l2 <lambda>', 'L2 penalty λ included in the check (default 0)').argParser(number))
    .addHelpText('after', `
Exit code 1 when the check fails. The check runs in float64 on the CPU, at the initial weights; dropout is
off (a random mask is not a function of the weights).
Examples:
  reglab gradcheck --course --l2 0.7`)
    .action((opts) => gradcheckCommand(opts));

  addRegularizationFlags(addTrainingFlags(
    program.command('landscape').description('train, then map the cost on a 2-D slice around the weights (filter-normalized random directions), with the trajectory').exitOverride(),
    LAB, LANDSCAPE_DEFAULTS,
  ), 'L2 penalty λ (default 0)', 'dropout keep probability during training (default 1)')
    .option('--grid <n>', `grid points per axis (default ${LANDSCAPE_DEFAULTS.grid})`, integer)
    .option('--span <s>', `α and β range over [−s, s] (default ${LANDSCAPE_DEFAULTS.span})`, number)
    .option('--out <file.json>', 'also write the grid and trajectory as JSON')
    .addHelpText('after', `
--log-every is the trajectory's step. On the GPU the grid is one batch
of forward passes (networks up to 64 units); the CPU reference computes the same grid.
Examples:
  reglab landscape --grid 41 --dataset moons --layers 10,5
  reglab landscape --grid 61 --span 2 --backend gpu --out landscape.json`)
    .action((opts) => landscapeCommand(opts));

  program.command('bench')
    .description('time the GPU path against the float32 CPU reference and TensorFlow.js: the lesson\'s network and a sweep of sizes')
    .exitOverride()
    .option('--quick', 'the lesson (300 iterations × repeats), a small sweep, one 256³ matmul and 16 lesson models side by side: about 45 s here')
    .option('--repeats <n>', 'timed repeats after a warm-up (default 5)', integer)
    .option('--max-ms <ms>', 'skip rows estimated slower than this per iteration (default 200 with --quick, else 5000)', number)
    .addOption(new Option('--gpu-path <path>', 'GPU kernels for the GPU rows (default auto)').choices(GPU_PATHS))
    .option('--workloads <list>', 'which workloads: a comma-separated subset of lesson,sweep,matmul,models (default all)', (v: string) => v.split(',').map((x) => x.trim()).filter(Boolean))
    .option('--models <n>', 'models: models per sweep row, a multiple of the λ × keep_prob grid\'s size (default 16)', integer)
    .option('--model-iterations <n>', 'models: iterations of each model on the lesson\'s network (default 2000; 300 with --quick)', integer)
    .option('--model-l2 <list>', 'models: the grid\'s λ values (default 0,0.01,0.1,0.7)', numberList)
    .option('--model-keep-prob <list>', 'models: the grid\'s keep_prob values (default 1,0.95,0.86,0.7)', numberList)
    .option('--max-check-s <s>', 'seconds the CPU reference may spend checking a GPU row before it is timed; bigger workloads are checked on fewer examples (default 60)', number)
    .option('--widths <list>', 'sweep: hidden widths w of [w, w] (default 20,64,256,1024; 20,64 with --quick)', sizeList)
    .option('--sizes <list>', 'sweep: numbers of examples m (default 256,4096,65536; 256 with --quick)', sizeList)
    .option('--matmul-sizes <list>', 'matmul: n of the n × n × n products (default 256,512,1024; 256 with --quick)', sizeList)
    .option('--no-gpu', 'CPU rows only')
    .option('--no-cpu', 'no CPU reference rows')
    .option('--no-wasm', 'no fast CPU engine rows')
    .option('--no-tfjs', 'leave out the TensorFlow.js (cpu backend) rows')
    .option('--json', 'print the JSON report instead of the table')
    .option('--out <file.json>', 'also write the JSON report to a file (rewritten after every row, so a long run keeps what it measured)')
    .addHelpText('after', `
Examples:
  reglab bench --quick
  reglab bench --out bench.json
  reglab bench --workloads matmul --matmul-sizes 1024,4096   (a real GPU needs large products)
  reglab bench --workloads models --model-keep-prob 1        (16 models without dropout: 4 λ × 4 seeds)`)
    .action((opts) => benchCommand(opts));

  program.command('kernel')
    .description('print the WGSL the unrolled GPU path compiles for a network (shaders/unrolled.wgsl with its generated train_block)')
    .exitOverride()
    .option('--layers <sizes>', 'hidden layer sizes, comma-separated (default 20,3)', layerList)
    .option('--features <n>', 'input features (default 2)', integer)
    .addOption(new Option('--activation <name>', 'hidden activation (default relu)').choices(ACTIVATIONS))
    .addOption(new Option('--dropout <source>', 'dropout flags: none, philox (drawn on the GPU) or stored (uploaded masks) (default none)').choices(MASK_SOURCES))
    .addHelpText('after', `
Examples:
  reglab kernel
  reglab kernel --layers 10,10 --activation tanh --dropout philox > net.wgsl`)
    .action((opts: { layers?: number[]; features?: number; activation?: Activation; dropout?: MaskSource }) => {
      const features = opts.features ?? 2;
      if (features < 1) throw new UsageError('--features: expected a positive integer');
      const spec = makeSpec(features, opts.layers ?? [20, 3], opts.activation ?? 'relu');
      const why = pathUnfit('unrolled', spec);
      if (why) throw new UsageError(`--layers: ${why}`);
      process.stdout.write(unrolledKernelSource(spec, opts.dropout ?? 'none'));
    });

  return oneLineErrors(program);
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  // --debug (anywhere) or REGLAB_DEBUG=1: the stack trace of an unexpected error
  const debug = argv.includes('--debug') || /^(1|true|yes)$/i.test(process.env.REGLAB_DEBUG ?? '');
  try {
    return await parse(program, argv.filter((a) => a !== '--debug'), debug);
  } finally {
    await releaseGpu(); // dawn.node keeps the process alive while a device exists
  }
}

async function parse(program: Command, argv: string[], debug: boolean): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    const { line, exitCode } = refusal(e, program, debug);
    if (line !== null) process.stderr.write(`reglab: ${line}\n`);
    return exitCode;
  }
}
