import type { Kysely } from 'kysely';
import type { Stay } from '../domain/stays/stay.ts';
import type { StayWithTransition, TransitionReader } from '../domain/transitions/transition-ports.ts';
import type { Database } from './database-schema.ts';
import { createSqlStayReader } from './sql-stays.ts';
import { withItems } from './sql-transition-rows.ts';

/** A patient's stays with their latest transition, read within the scope the patient gate handed out. */
export function createSqlTransitionReader(db: Kysely<Database>): TransitionReader {
  const stays = createSqlStayReader(db);
  const withTransitions = async (patientId: string, of: readonly Stay[]): Promise<StayWithTransition[]> => {
    if (of.length === 0) return [];
    const stayIds = of.map((stay) => stay.id);
    const [rows, items] = await Promise.all([
      db
        .selectFrom('transitions')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('stay_id', 'in', stayIds)
        .orderBy('opened_at', 'desc')
        .execute(),
      db
        .selectFrom('transition_items as i')
        .selectAll('i')
        .where('i.patient_id', '=', patientId)
        .where('i.transition_id', 'in', (eb) =>
          eb
            .selectFrom('transitions')
            .select('id')
            .where('patient_id', '=', patientId)
            .where('stay_id', 'in', stayIds),
        )
        .execute(),
    ]);
    const transitions = withItems(rows, items);
    // The latest transition of each stay (a cancelled discharge leaves an older, cancelled one).
    return of.map((stay) => ({
      stay,
      transition: transitions.find((t) => t.transition.stayId === stay.id) ?? null,
    }));
  };
  return {
    async staysOf(scope) {
      return withTransitions(scope.patientId, await stays.ofPatient(scope.patientId));
    },
    async stay(scope, stayId) {
      const stay = await stays.byId(scope.patientId, stayId);
      return stay === null ? null : ((await withTransitions(scope.patientId, [stay]))[0] ?? null);
    },
  };
}
