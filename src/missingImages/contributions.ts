// What the missing-images feature registers at activation: its command ids and the languages whose
// image references it reads.
import { REFERENCE_LANGUAGES } from '../assets/reference';

export const GENERATE_MISSING_IMAGE = 'segmind.generateMissingImage';
export const GENERATE_MISSING_IMAGES = 'segmind.generateMissingImages';
export const MISSING_IMAGE_COMMAND_IDS = [GENERATE_MISSING_IMAGE, GENERATE_MISSING_IMAGES] as const;
export type MissingImageCommandId = (typeof MISSING_IMAGE_COMMAND_IDS)[number];

export const MISSING_IMAGE_LANGUAGES = REFERENCE_LANGUAGES;
