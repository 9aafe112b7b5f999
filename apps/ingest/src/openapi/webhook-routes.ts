import { z } from 'zod';
import { webhookPayloadSchema } from '../webhook-payload.js';
import { ok, type RouteDoc } from './common.js';

// The platform's webhook (routes/webhooks.ts) and the operator routes (routes/admin.ts).

const Id = z.number().int().positive();
const Accepted = z.object({ submissionId: Id });
const Answered = z.union([
  z.object({ submissionId: Id, duplicate: z.literal(true) }),
  z.object({ submissionId: Id, statusUpdated: z.literal(true) }),
  z.object({ ignored: z.literal(true), reason: z.string() }),
  z.object({ rejected: z.literal(true), reason: z.string() }),
]);
// routes/admin.ts parses its bodies with these: strict, so a field it does not know (a teacherId
// that would not pick the owner) is a 400 rather than a new teacher created silently.
export const AdminClassroomInput = z.strictObject({
  name: z.string().trim().min(1).max(200), secret: z.string().min(1).max(1024),
  teacherName: z.string().trim().min(1).max(200).optional(), teacherEmail: z.string().trim().min(3).max(320).optional(),
});
const AdminClassroom = z.object({ classroomId: Id, teacherId: Id, webhookUrl: z.string(), apiToken: z.string() });
export const AdminTeacherInput = z.strictObject({
  name: z.string().trim().min(1).max(200), email: z.string().trim().min(3).max(320).optional(), isAdmin: z.boolean().optional(),
});
const AdminTeacher = z.object({ teacherId: Id, apiToken: z.string() });

export const WEBHOOK_ROUTES: RouteDoc[] = [
  {
    method: 'post', path: '/webhooks/replit/{classroomId}', operationId: 'receiveSubmission', tag: 'webhook', auth: 'webhook',
    summary: 'A Repl.it classroom `student_submits_assignment` delivery',
    description: 'The secret is the body\'s classroom.webhook_secret. Stored before it is answered; a retry of the same body is a 200 duplicate.',
    body: ['WebhookDelivery', webhookPayloadSchema],
    responses: {
      '202': { description: 'stored and queued for analysis', schema: ['WebhookAccepted', Accepted] },
      '200': { description: 'a duplicate, a status update, an ignored event, or a refused delivery of a deleted student', schema: ['WebhookAnswered', Answered] },
    },
    errors: [400, 401, 404, 413, 503],
  },
  {
    method: 'post', path: '/admin/classrooms', operationId: 'adminCreateClassroom', tag: 'admin', auth: 'admin',
    summary: 'Create a classroom, its owner and the owner\'s API token (only when ADMIN_TOKEN is set)',
    body: ['AdminClassroomInput', AdminClassroomInput], responses: { '201': { description: 'created', schema: ['AdminClassroom', AdminClassroom] } },
    errors: [400, 401],
  },
  {
    method: 'post', path: '/admin/teachers', operationId: 'adminCreateTeacher', tag: 'admin', auth: 'admin',
    summary: 'Create a teacher and their API token (only when ADMIN_TOKEN is set)',
    body: ['AdminTeacherInput', AdminTeacherInput], responses: { '201': { description: 'created', schema: ['AdminTeacher', AdminTeacher] } },
    errors: [400, 401],
  },
];
