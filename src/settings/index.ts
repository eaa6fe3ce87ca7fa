export * from './types.js';
export { SETTING_SPECS, VOXEL_SETTING_SPECS, checkSetting } from './schema.js';
export { checkParams, checkSettings, parseParams, loadParamsFile, applySettingOverrides, imageTypeSettings, type ParamsInput } from './params.js';
export { resolveEnabledFeatures } from './features.js';
