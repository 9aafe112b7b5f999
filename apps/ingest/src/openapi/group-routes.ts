import { z } from 'zod';
import { bearerErrors, ok, type RouteDoc } from './common.js';

// Comparison groups (routes/groups.ts): linked assignments compared with each other. The route
// parses its body with GroupInput, strict at both levels: an unknown field is a 400.

const MAX_LINKS = 50;
const Id = z.number().int().positive();
const Kind = z.enum(['active', 'reference'], { error: 'one of active, reference' })
  .describe('active: compared both ways; reference (an earlier term): compared with new work only');
const LINKS_RULE = { error: `an array of 2 to ${MAX_LINKS} assignments` };
const ID_RULE = { error: 'a positive integer' };
export const GroupInput = z.strictObject({
  assignments: z.array(z.strictObject({
    id: z.number(ID_RULE).int(ID_RULE).positive(ID_RULE),
    kind: Kind.optional().describe('default active'),
  }, { error: 'an object { id, kind }' }), LINKS_RULE).min(2, LINKS_RULE).max(MAX_LINKS, LINKS_RULE)
    .refine((links) => new Set(links.map((l) => l.id)).size === links.length, 'each assignment at most once')
    .refine((links) => links.some((l) => (l.kind ?? 'active') === 'active'), 'at least one active assignment')
    .describe('each assignment at most once, at least one active; the caller must own every classroom involved'),
});
const Group = z.object({
  id: Id,
  createdAt: z.iso.datetime(),
  assignments: z.array(z.object({
    id: Id, kind: Kind, classroomId: Id,
    name: z.string().nullable().describe('null for an assignment of a classroom the caller has no role in'),
  })),
});

const tag = 'groups';
const auth = 'bearer' as const;

export const GROUP_ROUTES: RouteDoc[] = [
  {
    method: 'post', path: '/api/groups', operationId: 'createGroup', tag, auth,
    summary: 'Link assignments (owners of every classroom involved); their latest submissions are re-analysed against the group',
    body: ['GroupInput', GroupInput], responses: { '201': { description: 'created', schema: ['Group', Group] } },
    errors: bearerErrors({ input: true, forbidden: true, conflict: true }),
  },
  {
    method: 'get', path: '/api/groups/{id}', operationId: 'getGroup', tag, auth, summary: 'A comparison group and its assignments',
    responses: ok('Group', Group), errors: bearerErrors(),
  },
  {
    method: 'delete', path: '/api/groups/{id}', operationId: 'deleteGroup', tag, auth,
    summary: 'Unlink a group (owners of every classroom involved); pairs across its assignments are removed',
    responses: { '204': { description: 'deleted', schema: null } }, errors: bearerErrors({ forbidden: true }),
  },
];
