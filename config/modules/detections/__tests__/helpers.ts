import { parse } from 'yaml';
import { environmentSchema, type Environment } from '../../../environment-schema';
import { validYaml } from '../../../__tests__/helpers';

/** A valid environment whose `detections` section is the given YAML (indented under `detections:`). */
export function envWithDetections(detectionsYaml?: string): Environment {
  const text = detectionsYaml === undefined ? validYaml() : `${validYaml()}detections:\n${indent(detectionsYaml)}`;
  return environmentSchema.parse(parse(text));
}

function indent(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
