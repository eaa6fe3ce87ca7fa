// The study model section: clinical inputs generated from model.json, each model's probability and class,
// and the nomogram (the report's chart, src/study/figures.ts) with this patient's points marked.
import { nomogramFigure } from '../src/study/figures.js';
import { nomogramAxes, MODEL_LABELS } from '../src/study/report-figures.js';
import { MODEL_NAMES, parseModelFile, type StudyModelFile } from '../src/study/model-file.js';
import type { Prediction } from '../src/study/predict.js';

const SIMULATED = 'SIMULATED model — not for clinical use';

export class ModelPanel {
  model?: StudyModelFile;
  text?: string;

  constructor(private readonly el: { fields: HTMLElement; info: HTMLElement; card: HTMLElement; output: HTMLElement; nomogram: HTMLElement; banner: HTMLElement }, private readonly onInput: () => void) {}

  /** Parses model.json (throws a one-line error) and builds one input per clinical variable. */
  load(text: string, fileName: string): void {
    const model = parseModelFile(text, fileName);
    this.model = model;
    this.text = text;
    this.el.fields.replaceChildren();
    for (const v of model.clinical.variables) {
      const label = document.createElement('label');
      label.className = 'field';
      const caption = document.createElement('span');
      caption.textContent = v.name;
      let input: HTMLInputElement | HTMLSelectElement;
      if (v.kind === 'numeric') {
        input = document.createElement('input');
        input.type = 'number';
        input.step = 'any';
        input.placeholder = 'number';
      } else {
        input = document.createElement('select');
        input.add(new Option('choose…', ''));
        for (const level of v.levels) input.add(new Option(level, level));
      }
      input.name = v.name;
      input.dataset.testid = `clinical-${v.name}`;
      input.addEventListener('input', () => this.onInput());
      label.append(caption, input);
      this.el.fields.append(label);
    }
    const count = model.radiomics.features.length;
    this.el.info.textContent = `${model.title} · outcome ${model.outcome.column} = ${model.outcome.positive} · ${count} radiomic feature${count === 1 ? '' : 's'}, ${model.clinical.variables.length} clinical variable${model.clinical.variables.length === 1 ? '' : 's'}`;
    this.el.banner.textContent = model.simulated ? SIMULATED : '';
    this.el.banner.hidden = !model.simulated;
    this.clearPrediction('Run to extract the features this model uses and score the patient.');
  }

  unload(): void {
    this.model = undefined;
    this.text = undefined;
    this.el.fields.replaceChildren();
    this.el.info.textContent = 'No model loaded: features only.';
    this.el.banner.hidden = true;
    this.clearPrediction();
  }

  /** The clinical values entered so far and the names still missing. */
  clinical(): { values: Record<string, string>; missing: string[] } {
    const values: Record<string, string> = {};
    const missing: string[] = [];
    for (const input of Array.from(this.el.fields.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select'))) {
      if (input.value.trim() === '') missing.push(input.name);
      else values[input.name] = input.value;
    }
    return { values, missing };
  }

  setClinical(values: Record<string, string | number>): void {
    for (const [name, value] of Object.entries(values)) {
      const input = this.el.fields.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${CSS.escape(name)}"]`);
      if (input) input.value = String(value);
    }
  }

  clearPrediction(note = ''): void {
    this.el.card.hidden = !this.model;
    this.el.output.replaceChildren();
    if (note) this.el.output.append(paragraph(note, 'note'));
    this.el.nomogram.replaceChildren();
  }

  showPrediction(p: Prediction): void {
    const model = this.model!;
    this.el.card.hidden = false;
    const headline = document.createElement('div');
    headline.className = 'headline';
    const prob = document.createElement('span');
    prob.className = 'probability';
    prob.dataset.testid = 'probability';
    const nomogramRisk = p.probabilities.nomogram ?? NaN;
    prob.textContent = `${(nomogramRisk * 100).toFixed(1)}%`;
    prob.title = String(nomogramRisk);
    const what = document.createElement('span');
    what.textContent = ` nomogram probability of ${model.outcome.column} = ${model.outcome.positive}; predicted class `;
    const cls = document.createElement('strong');
    cls.dataset.testid = 'predicted-class';
    cls.textContent = p.predictedClass;
    headline.append(prob, what, cls);

    const table = document.createElement('table');
    table.className = 'models';
    table.createTHead().insertRow().append(th('Model'), th('Probability', 'num'), th('Threshold', 'num'), th('Class'));
    const body = table.createTBody();
    for (const name of MODEL_NAMES) {
      const value = p.probabilities[name];
      if (value === undefined) continue; // a study without clinical factors has no clinical model
      const threshold = p.thresholds[name] ?? 0.5;
      const row = body.insertRow();
      row.insertCell().textContent = MODEL_LABELS[name] ?? name;
      const cell = row.insertCell();
      cell.className = 'num';
      cell.dataset.testid = `probability-${name}`;
      cell.textContent = value.toFixed(3);
      cell.title = String(value);
      const t = row.insertCell();
      t.className = 'num';
      t.textContent = threshold.toFixed(3);
      row.insertCell().textContent = value >= threshold ? model.outcome.positive : model.outcome.negative;
    }
    const foot = paragraph(`Rad-score ${p.radscore.toFixed(3)} · total points ${p.nomogram.totalPoints.toFixed(1)} · linear predictor ${p.nomogram.linearPredictor.toFixed(3)}`, 'note');
    this.el.output.replaceChildren(headline, table, foot);
    for (const w of p.warnings ?? []) this.el.output.append(paragraph(`Warning: ${w}; the models extrapolate here.`, 'range-warning'));
    if (model.simulated) this.el.output.prepend(paragraph(SIMULATED, 'simulated'));

    const { axes, max, risk } = nomogramAxes(model.nomogram.chart);
    const marks = [...Object.entries(p.nomogram.points).map(([variable, points]) => ({ variable, points })), { variable: 'Total points', points: p.nomogram.totalPoints }];
    const title = `${model.simulated ? 'SIMULATED · ' : ''}Nomogram: probability of ${model.outcome.column} = ${model.outcome.positive}`;
    // the SVG string is built by our own code from numbers and escaped names
    this.el.nomogram.innerHTML = nomogramFigure(axes, { max }, risk, title, marks);
  }
}

function th(text: string, className = ''): HTMLTableCellElement {
  const cell = document.createElement('th');
  cell.textContent = text;
  cell.className = className;
  return cell;
}

function paragraph(text: string, className: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}
