// User strings for display live in the core (src/model/display-text.ts), shared with the CLI.
export { displayText } from '../../model/display-text.ts';
