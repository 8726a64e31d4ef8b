/**
 * The lab page, assembled: the settings form and the page's state (page.ts, hash.ts), the run
 * controller, the data, the views and the runs, and the automation API. Each part's job is its own
 * file (docs/architecture.md lists them); this one only connects them and draws the first screen.
 */
import { exposeApi } from './api';
import { classLinkPanel, openClassLink } from './class-link';
import { buildControls } from './controls';
import { CurvesView } from './curves-view';
import { DataInput } from './data-input';
import { DataSource } from './data-source';
import { $ } from './dom';
import { Engines } from './engines';
import { installExercise } from './exercise-install';
import { ErrorLine } from './field-error';
import { linkGiven, linkReady, onLinkOpened } from './hash';
import { NetworkFigure } from './network-figure';
import { registerOffline } from './offline';
import { LessonMode } from './lesson-preset';
import { Page } from './page';
import { BoundaryReplay, ReplaySlider } from './replay';
import { RunController } from './run-controller';
import { drawSweepPlaceholders, pageRuns } from './runs';
import { watchSnapshot } from './run-snapshot';
import { RunRecord } from './run-record';
import { withCourse } from './state';
import { Downloads } from './downloads';
import { DrawData } from './draw-data';
import { installWeightsLoad } from './weights-load';

const controls = buildControls($('controls'), {
  sweep: $('sweep-settings'), gradients: $('gradients-settings'), landscape: $('landscape-settings'), bench: $('bench-settings'),
});
const page = new Page(controls);
const errors = new ErrorLine($('error'), controls);
const engines = new Engines();
const data = new DataSource();
const replay = new BoundaryReplay();
const curves = new CurvesView($('costs'));
const network = new NetworkFigure();
replay.follow((iteration) => network.show(iteration));

// the page runs once its engines are known: the backend control offers those, and the first screen is drawn
const pageReady = engines.ready.then((found) => {
  engines.offer(found, page, controls.input('backend') as HTMLSelectElement);
  input.enable();
  curves.drawEmpty(Number(page.state.fields.iterations) || 30000);
  drawSweepPlaceholders(false);
});

const run = new RunController(page, errors, new ReplaySlider(replay), pageReady);
const input = new DataInput(page, data, run, errors, pageReady);
const record = new RunRecord();
const runs = pageRuns(run, page, data, engines, curves, replay, network, record);
watchSnapshot(page, run, data);
new Downloads(page, record, curves, data, errors);
const drawing = new DrawData(page, data, run, input, errors);
installWeightsLoad(page, run, data);

controls.onChange(() => {
  page.followControls();
  void input.refreshPreview();
});
const choosePreset = () => {
  page.setFields(withCourse(controls.read()), true);
  void input.refreshPreview();
};
$('course').addEventListener('click', choosePreset);
new LessonMode(page, choosePreset);

page.setMode(page.state.mode);
run.show('ready', linkGiven() && (page.state.mode === 'compare' || page.state.mode === 'sweep') ? linkReady(page.state.mode) : '');
// a teacher's class link: settings hidden or locked, the iframe layout, run on open (class-link.ts)
openClassLink(page, runs, () => run.running);
classLinkPanel($('class-link-body'), page);

// A link opened in this tab (or the hash edited by hand) applies as it would on load.
onLinkOpened(() => {
  if (run.running) return; // the running run's settings stay; the address is rewritten when it ends
  page.followAddress();
  drawing.fromAddress();
  void input.refreshPreview();
  run.show('ready', linkReady(page.state.mode));
  openClassLink(page, runs, () => run.running);
});

// the exercise view: its code loads when the view is first shown or the API is first called
const exercise = installExercise({
  open: () => { if (!run.running) page.setMode('exercise'); },
  fields: () => page.state.fields,
  data: (fields) => pageReady.then(() => data.data(fields)),
});

exposeApi({ engines, pageReady, page, run, runs, data, input, errors, exercise, record });

registerOffline();
