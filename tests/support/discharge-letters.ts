import type { StructuredLetter } from '../../src/domain/discharge/discharge-letter.ts';

/** A letter holding every part R1112-1-2 asks for (fictional). */
export const COMPLETE_LETTER: StructuredLetter = {
  identities: {
    patient: 'Hélène Lefèvre, née le 12/05/1980',
    medecinTraitant: 'Dr Martin Durand',
    referringPractitioner: null,
    hospitalDoctor: 'Dr Claire Bernard, cardiologie',
  },
  admission: { date: '2026-01-05', mode: 'Urgences' },
  discharge: { date: '2026-01-12', mode: 'Retour à domicile' },
  reasonForAdmission: 'Décompensation cardiaque',
  summary: {
    text: 'Œdème aigu du poumon régressif sous diurétiques IV.',
    adverseEvents: { status: 'none' },
    multiResistantOrganisms: { status: 'none' },
    bloodProducts: { status: 'none' },
    implantedDevices: { status: 'present', details: 'Pile de pacemaker changée' },
  },
  dischargeTreatments: [
    { name: 'Furosémide 40 mg', atcCode: 'C03CA01', dosage: '1 cp le matin', duration: '3 mois' },
  ],
  stoppedTreatments: [
    { name: 'Ibuprofène 400 mg', atcCode: 'M01AE01', dosage: null, reason: 'Insuffisance rénale' },
  ],
  pendingResults: { status: 'none' },
  followUp: {
    plannedCare: { status: 'present', details: 'IDE à domicile pour pesée quotidienne' },
    appointments: [{ date: '2026-01-19', with: 'Dr Martin Durand', place: null }],
  },
};
