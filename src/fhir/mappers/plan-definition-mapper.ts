import type { PlanDefinition, PlanDefinitionAction, RelatedArtifact } from '@medplum/fhirtypes';
import {
  timingIsDefault,
  type PathwaySource,
  type PathwayStep,
  type PathwayTemplate,
} from '../../domain/pathways/pathway-template.ts';

/**
 * A care-pathway template (its latest version) as a PlanDefinition: French title, the population in
 * the description, its published sources as citations, and one action per step — its label, what the
 * patient is told, the role that performs it, what starts it (a step done before, or a named event
 * such as a discharge), and whether its timing is a configurable default rather than a published rule.
 */
export function planDefinitionToFhir(template: PathwayTemplate): PlanDefinition {
  return {
    resourceType: 'PlanDefinition',
    id: template.id,
    version: String(template.version),
    name: template.id,
    title: template.title.fr,
    type: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/plan-definition-type', code: 'clinical-protocol' },
      ],
    },
    status: 'active',
    description: template.population,
    relatedArtifact: template.sources.map(citationOf),
    action: template.steps.map(actionOf),
  };
}

function citationOf(source: PathwaySource): RelatedArtifact {
  const by = [source.publisher, source.year].filter((part) => part !== null).join(', ');
  return {
    type: 'citation',
    label: source.id,
    display: by === '' ? source.title : `${source.title} (${by})`,
    ...(source.url === null ? {} : { url: source.url }),
  };
}

function actionOf(step: PathwayStep): PlanDefinitionAction {
  const { trigger } = step;
  const timing = timingIsDefault(step)
    ? 'délai par défaut, configurable (pas une règle publiée)'
    : 'délai issu des sources';
  return {
    id: step.id,
    title: step.label.fr,
    description: step.patientLabel.fr,
    textEquivalent: `${step.label.en} — ${timing}`,
    participant: [{ type: 'practitioner', role: { text: step.role } }],
    ...(trigger.kind === 'step-done'
      ? { relatedAction: [{ actionId: trigger.stepId, relationship: 'after-end' as const }] }
      : {}),
    ...(trigger.kind === 'event'
      ? { trigger: [{ type: 'named-event' as const, name: trigger.eventType }] }
      : {}),
  };
}
