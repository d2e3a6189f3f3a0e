/** `trailwatch replay`. PLACEHOLDER: registered by its issue's work; until then the command is absent. */
import type { Command } from 'commander';

export function registerReplay(_program: Command): void {}
