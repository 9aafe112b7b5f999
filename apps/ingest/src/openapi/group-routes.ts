import { z } from 'zod';
import { bearerErrors, ok, type RouteDoc } from './common.js';

// Comparison groups (routes/groups.ts): linked assignments compared with each other.

const Id = z.number().int().positive();
const Kind = z.enum(['active', 'reference']).describe('active: compared both ways; reference (an earlier term): compared with new work only');
const GroupInput = z.object({
  assignments: z.array(z.object({ id: Id, kind: Kind.optional().describe('default active') })).min(2).max(50)
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
