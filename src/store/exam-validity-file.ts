import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Where the product's exam validity windows live (the duplicate-test warning). */
export const EXAM_VALIDITY_FILE = resolve(import.meta.dirname, '..', '..', 'data', 'exam-validity.yaml');

/** The text of the validity file. Error: names the file when it cannot be read. */
export async function readExamValidityFile(file = EXAM_VALIDITY_FILE): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the exam validity file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
