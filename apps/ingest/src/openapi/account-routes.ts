import { z } from 'zod';
import { ListQuery, bearerErrors, ok, type RouteDoc } from './common.js';

// Accounts, classrooms, members, webhook settings and students (routes/accounts.ts,
// classroom-settings.ts, students.ts). The shapes are written here once, next to the routes they
// document; routes/accounts.ts parses its bodies with the exported ones (strict: an unknown field
// is a 400, as on every review route), classroom-settings.ts still reads its body with input.ts.

const Id = z.number().int().positive();
const DateTime = z.iso.datetime();
const Role = z.enum(['owner', 'assistant']);

// Refused with the messages of input.ts's readers, which the other account routes still answer.
const text = (min: number, max: number) => {
  const error = `a string of ${min} to ${max} characters`;
  return z.string({ error }).min(min, { error }).max(max, { error });
};
const PositiveInt = z.number({ error: 'a positive integer' }).int({ error: 'a positive integer' }).positive({ error: 'a positive integer' });
const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const Me = z.object({ id: Id, name: z.string(), email: z.string().nullable(), isAdmin: z.boolean(), createdAt: DateTime, tokenId: Id });
const TokenInfo = z.object({ id: Id, label: z.string(), createdAt: DateTime, lastUsedAt: DateTime.nullable(), revokedAt: DateTime.nullable() });
export const TokenInput = z.strictObject({ label: text(0, 200).optional() });
const NewToken = z.object({ id: Id, label: z.string(), token: z.string().describe('shown once; only its hash is stored') });
const Classroom = z.object({
  id: Id, name: z.string(), platformId: z.number().int().nullable(), role: Role, createdAt: DateTime,
  previousSecretValidUntil: DateTime.nullable().describe('until when the replaced webhook secret is still accepted'),
  counts: z.object({ members: z.number().int(), students: z.number().int(), assignments: z.number().int(), submissions: z.number().int() }),
  webhookUrl: z.string(),
});
export const ClassroomInput = z.strictObject({ name: text(1, 200), secret: text(1, 1000), platformId: PositiveInt.nullish() });
const NewClassroom = z.object({ classroomId: Id, webhookUrl: z.string() });
const Member = z.object({ teacherId: Id, name: z.string(), email: z.string().nullable(), role: Role, createdAt: DateTime });
export const MemberInput = z.strictObject({ teacherId: PositiveInt, role: z.enum(['owner', 'assistant'], { error: 'one of owner, assistant' }) });
const MemberRole = z.object({ teacherId: Id, role: Role });
export const SecretInput = z.strictObject({ secret: text(1, 1000) });
const SecretRotation = z.object({
  rotatedAt: DateTime.describe('when this request was handled'), previousValidUntil: DateTime.nullable(),
  recoveredDeliveries: z.number().int().describe('deliveries sent with the new secret before this update, accepted now'),
});
const Delivery = z.object({
  id: Id, receivedAt: DateTime, outcome: z.string(), reason: z.string().nullable(), httpStatus: z.number().int(), submissionId: Id.nullable(),
});
const StudentTimeline = z.object({
  id: Id, classroomId: Id, platformId: z.number().int().nullable(), email: z.string().nullable(), firstName: z.string(), lastName: z.string(),
  submissions: z.array(z.object({
    id: Id, assignment: z.object({ id: Id, name: z.string() }), status: z.string(), timeSubmitted: DateTime,
    analysisStatus: z.string(), analysisReason: z.string().nullable(),
  })),
});

const tag = 'accounts';
const auth = 'bearer' as const;
const noContent = (description: string) => ({ '204': { description, schema: null } });

export const ACCOUNT_ROUTES: RouteDoc[] = [
  { method: 'get', path: '/api/me', operationId: 'getMe', tag, auth, summary: 'The calling teacher', responses: ok('Me', Me), errors: [401] },
  {
    method: 'get', path: '/api/tokens', operationId: 'listTokens', tag, auth, summary: "The caller's API tokens (never the token itself), newest first",
    query: ListQuery, responses: ok('TokenList', listOf(TokenInfo)), errors: [400, 401],
  },
  {
    method: 'post', path: '/api/tokens', operationId: 'createToken', tag, auth, summary: 'Mint a token for the caller; shown once',
    body: ['TokenInput', TokenInput], responses: { '201': { description: 'created', schema: ['NewToken', NewToken] } }, errors: [400, 401],
  },
  {
    method: 'delete', path: '/api/tokens/{id}', operationId: 'revokeToken', tag, auth, summary: "Revoke one of the caller's tokens",
    responses: noContent('revoked'), errors: [401, 404],
  },
  {
    method: 'get', path: '/api/classrooms', operationId: 'listClassrooms', tag, auth, summary: 'Classrooms where the caller has a role',
    query: ListQuery, responses: ok('ClassroomList', listOf(Classroom)), errors: [400, 401],
  },
  {
    method: 'post', path: '/api/classrooms', operationId: 'createClassroom', tag, auth, summary: 'Create a classroom owned by the caller',
    body: ['ClassroomInput', ClassroomInput], responses: { '201': { description: 'created', schema: ['NewClassroom', NewClassroom] } }, errors: [400, 401],
  },
  {
    method: 'get', path: '/api/classrooms/{id}', operationId: 'getClassroom', tag, auth, summary: 'A classroom with its counts and webhook URL',
    responses: ok('Classroom', Classroom), errors: bearerErrors(),
  },
  {
    method: 'delete', path: '/api/classrooms/{id}', operationId: 'deleteClassroom', tag, auth,
    summary: "Delete a classroom and all its data (owners); its students' late deliveries stay refused",
    responses: noContent('deleted'), errors: bearerErrors({ forbidden: true }),
  },
  {
    method: 'get', path: '/api/classrooms/{id}/members', operationId: 'listMembers', tag, auth,
    summary: "A classroom's owners and assistants, owners first", query: ListQuery,
    responses: ok('MemberList', listOf(Member)), errors: bearerErrors({ input: true }),
  },
  {
    method: 'post', path: '/api/classrooms/{id}/members', operationId: 'setMember', tag, auth, summary: 'Add a member or change their role (owners)',
    body: ['MemberInput', MemberInput],
    responses: { '200': { description: 'role changed', schema: ['MemberRole', MemberRole] }, '201': { description: 'added', schema: ['MemberRole', MemberRole] } },
    errors: bearerErrors({ input: true, forbidden: true, conflict: true }),
  },
  {
    method: 'delete', path: '/api/classrooms/{id}/members/{teacherId}', operationId: 'removeMember', tag, auth,
    summary: 'Remove a member (owners; never the last owner)', responses: noContent('removed'),
    errors: bearerErrors({ forbidden: true, conflict: true }),
  },
  {
    method: 'put', path: '/api/classrooms/{id}/secret', operationId: 'rotateSecret', tag, auth,
    summary: 'Replace the webhook secret; the previous one stays valid for a grace period',
    description: 'Sending the secret that is already current (a retried request) changes nothing: the previous secret keeps its previousValidUntil.',
    body: ['SecretInput', SecretInput], responses: ok('SecretRotation', SecretRotation), errors: bearerErrors({ input: true }),
  },
  {
    method: 'get', path: '/api/classrooms/{id}/deliveries', operationId: 'listDeliveries', tag, auth,
    summary: "The classroom's delivery log, newest first", query: ListQuery,
    responses: ok('DeliveryList', listOf(Delivery)), errors: bearerErrors({ input: true }),
  },
  {
    method: 'get', path: '/api/students/{id}', operationId: 'getStudent', tag, auth, summary: "A student's submission timeline",
    responses: ok('StudentTimeline', StudentTimeline), errors: bearerErrors(),
  },
  {
    method: 'delete', path: '/api/students/{id}', operationId: 'deleteStudent', tag, auth,
    summary: "Delete a student's data (owners), leaving a tombstone so late retries cannot bring it back",
    responses: noContent('deleted'), errors: bearerErrors({ forbidden: true }),
  },
];
