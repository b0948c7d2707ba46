import { writeFile } from 'node:fs/promises';
import type { Relais } from '../app.ts';
import { everythingBundle } from '../fhir/exchange/patient-everything-bundle.ts';
import type { FhirCaller } from '../fhir/resource-module.ts';

/**
 * Writes a patient's whole record as a FHIR Bundle (the content of `Patient/$everything`, URLs under
 * the public URL) to `out`, or answers it for stdout. Read through the gate and audited as an export.
 */
export async function exportPatientBundle(
  relais: Relais,
  caller: FhirCaller,
  patientId: string,
  options: { publicUrl: string; out: string | undefined },
): Promise<string | undefined> {
  const everything = await relais.services.patientEverything.export(
    caller.principal,
    patientId,
    caller.origin,
  );
  const text = `${JSON.stringify(everythingBundle(`${options.publicUrl}/fhir/R4`, everything), null, 2)}\n`;
  if (options.out === undefined) return text;
  await writeFile(options.out, text, { mode: 0o600 });
  return undefined;
}
