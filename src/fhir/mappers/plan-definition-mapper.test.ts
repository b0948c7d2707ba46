import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parsePathwayTemplate } from '../../domain/pathways/pathway-template-parser.ts';
import { timingIsDefault } from '../../domain/pathways/pathway-template.ts';
import { assertValidR4 } from './mapper-test-support.ts';
import { planDefinitionToFhir } from './plan-definition-mapper.ts';

const DIR = 'data/pathways';
const templates = readdirSync(DIR)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => {
    const parsed = parsePathwayTemplate(readFileSync(`${DIR}/${file}`, 'utf8'), `${DIR}/${file}`);
    assert.ok(parsed.ok, file);
    return parsed.template;
  });

test('every shipped pathway template is a valid PlanDefinition, step for step, sources included', () => {
  assert.ok(templates.length >= 5);
  for (const template of templates) {
    const plan = planDefinitionToFhir(template);
    assertValidR4(plan);
    assert.equal(plan.id, template.id);
    assert.equal(plan.version, String(template.version));
    assert.equal(plan.relatedArtifact?.length, template.sources.length);
    assert.deepEqual(
      plan.action?.map((action) => action.id),
      template.steps.map((step) => step.id),
    );
    template.steps.forEach((step, index) => {
      const action = plan.action?.[index];
      if (step.trigger.kind === 'step-done')
        assert.deepEqual(action?.relatedAction, [
          { actionId: step.trigger.stepId, relationship: 'after-end' },
        ]);
      if (step.trigger.kind === 'event')
        assert.deepEqual(action?.trigger, [{ type: 'named-event', name: step.trigger.eventType }]);
      // A default timing is said to be one, never passed off as a published rule.
      assert.equal(action?.textEquivalent?.includes('par défaut, configurable'), timingIsDefault(step));
    });
  }
});
