/**
 * A results folder that cannot be charted or compared (missing, or a file that is not what hashsim writes). The
 * message names the file, line and column; commands print it and exit with code 2.
 */
export class ResultsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultsError';
  }
}
