// pyradiomics parameter files (YAML or an equivalent object) -> validated Params with pyradiomics'
// defaults. Sections: setting, imageType, featureClass, voxelSetting; anything else is an error.
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { InputError } from '../io/errors.js';
import { checkSetting, VOXEL_SETTING_SPECS } from './schema.js';
import { DEFAULT_SETTINGS, FEATURE_CLASS_NAMES, IMAGE_TYPES, type FeatureClassName, type Params, type Settings } from './types.js';

const SECTIONS = ['setting', 'imageType', 'featureClass', 'voxelSetting'];

/** A parameter object as a caller may write it: every section optional, settings partial. */
export interface ParamsInput {
  setting?: Partial<Settings> | null;
  imageType?: Record<string, Partial<Settings> | null> | null;
  featureClass?: Partial<Record<FeatureClassName, string[] | null>> | null;
  voxelSetting?: Record<string, unknown> | null;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates the `setting:` section (or per-image-type settings) over `base`. */
export function checkSettings(source: string, input: unknown, base: Readonly<Settings> = DEFAULT_SETTINGS, section = 'setting'): Settings {
  if (input === null || input === undefined) return { ...base };
  if (!isPlainObject(input)) throw new InputError(source, `"${section}" must be a mapping of setting names to values`);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(input)) out[key] = checkSetting(source, key, value);
  return out as unknown as Settings;
}

/** Validates a whole parameter object and fills in pyradiomics' defaults. */
export function checkParams(input: unknown, source = 'parameters'): Params {
  if (input === null || input === undefined) input = {};
  if (!isPlainObject(input)) throw new InputError(source, 'a parameter file must be a mapping with sections setting, imageType, featureClass, voxelSetting');
  for (const key of Object.keys(input)) {
    if (!SECTIONS.includes(key)) throw new InputError(source, `unknown section "${key}" (valid: ${SECTIONS.join(', ')})`);
  }
  const setting = checkSettings(source, input.setting);

  const imageType: Params['imageType'] = {};
  const types = input.imageType ?? {};
  if (!isPlainObject(types)) throw new InputError(source, '"imageType" must be a mapping of image type names to settings');
  for (const [name, custom] of Object.entries(types)) {
    if (!(IMAGE_TYPES as readonly string[]).includes(name)) throw new InputError(source, `unknown image type "${name}" (valid: ${IMAGE_TYPES.join(', ')})`);
    if (name !== 'Original') throw new InputError(source, `image type ${name} is not supported (only Original is computed)`);
    if (custom !== null && !isPlainObject(custom)) throw new InputError(source, `imageType ${name} must map to settings ({} for none)`);
    const checked: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(custom ?? {})) checked[key] = checkSetting(source, key, value);
    imageType[name] = checked as Partial<Settings>;
  }
  if (Object.keys(imageType).length === 0) imageType.Original = {};

  const featureClass: Params['featureClass'] = {};
  const classes = input.featureClass ?? {};
  if (!isPlainObject(classes)) throw new InputError(source, '"featureClass" must be a mapping of class names to feature lists');
  for (const [name, list] of Object.entries(classes)) {
    if (!(FEATURE_CLASS_NAMES as readonly string[]).includes(name)) throw new InputError(source, `unknown feature class "${name}" (valid: ${FEATURE_CLASS_NAMES.join(', ')})`);
    if (list !== null && !(Array.isArray(list) && list.every((f) => typeof f === 'string'))) {
      throw new InputError(source, `featureClass ${name} must be null, [] or a list of feature names`);
    }
    featureClass[name as FeatureClassName] = list && list.length ? [...list] : null;
  }

  const voxelSetting: Record<string, unknown> = {};
  const voxel = input.voxelSetting ?? {};
  if (!isPlainObject(voxel)) throw new InputError(source, '"voxelSetting" must be a mapping');
  for (const [key, value] of Object.entries(voxel)) voxelSetting[key] = checkSetting(source, key, value, VOXEL_SETTING_SPECS);
  return { setting, imageType, featureClass, voxelSetting };
}

/** Parses a YAML (or JSON) parameter file's text. */
export function parseParams(text: string, source = 'parameter file'): Params {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    const e = err as YAMLParseError;
    const where = e.linePos?.[0] ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(source, `invalid YAML${where}: ${what}`);
  }
  return checkParams(doc, source);
}

/** Reads and parses a parameter file (Node only). */
export function loadParamsFile(path: string): Params {
  const fs = (globalThis as any).process?.getBuiltinModule?.('node:fs') as typeof import('node:fs') | undefined;
  if (!fs) throw new Error('loadParamsFile needs Node; use parseParams in a browser');
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a parameter file' : `cannot read (${(err as Error).message})`);
  }
  return parseParams(text, path);
}

/**
 * Applies `key:value` overrides (as the CLI's --setting) to `params.setting`. Values are parsed as YAML,
 * so `binWidth:10`, `normalize:true`, `resegmentRange:[-3,3]` and `weightingNorm:null` all work.
 */
export function applySettingOverrides(params: Params, overrides: readonly string[], source = '--setting'): Params {
  const setting: Record<string, unknown> = { ...params.setting };
  for (const item of overrides) {
    const colon = item.indexOf(':');
    if (colon <= 0) throw new InputError(source, `"${item}" is not key:value`);
    const key = item.slice(0, colon).trim();
    const text = item.slice(colon + 1).trim();
    let value: unknown;
    try {
      value = text === '' ? null : parseYaml(text);
    } catch {
      throw new InputError(source, `value of ${key} ("${text}") is not valid YAML`);
    }
    setting[key] = checkSetting(source, key, value);
  }
  return { ...params, setting: setting as unknown as Settings };
}

/** Settings for the feature stage of one image type: the global ones with the type's own on top. */
export function imageTypeSettings(params: Params, imageType = 'Original'): Settings {
  return { ...params.setting, ...(params.imageType[imageType] ?? {}) };
}
