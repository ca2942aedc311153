/** Names for the API's schemas, all taken from the generated description (never written by hand). */
import type { components, paths } from './schema';

type S = components['schemas'];

export type { paths };
export type Problem = S['Problem'];
export type FieldError = S['FieldError'];
export type Me = S['MeOut'];
export type TicketType = S['TicketCreate']['type'];
export type Severity = NonNullable<S['TicketCreate']['severity']>;
export type Category = NonNullable<S['TicketCreate']['category']>;
export type TicketStatus = S['TicketDetail']['status'];
export type TicketSummary = S['TicketSummary'];
export type TicketPage = S['TicketPage'];
export type TicketOut = S['TicketOut'];
export type TicketDetail = S['TicketDetail'];
export type AdminTicketSummary = S['AdminTicketSummary'];
export type AdminTicketDetail = S['AdminTicketDetail'];
export type Person = S['TicketsUserOut'];
export type Label = S['LabelOut'];
export type LabelDetail = S['LabelDetail'];
export type Comment = S['CommentOut'];
export type StatusChange = S['StatusChangeOut'];
export type Attachment = S['AttachmentOut'];
export type StatusCounts = S['StatusCounts'];
export type BulkIn = S['BulkIn'];
export type BulkOut = S['BulkOut'];
export type AdminUser = S['AdminUserOut'];
export type ApiToken = S['gateway__api_tokens__schemas__TokenOut'];
export type ApiTokenCreated = S['TokenCreated'];
export type TokenScope = S['TokenCreate']['scopes'][number];
export type Webhook = S['EndpointOut'];
export type WebhookCreated = S['EndpointWithSecret'];
export type WebhookKind = NonNullable<S['EndpointCreate']['kind']>;
export type Delivery = S['DeliveryOut'];
export type GithubStatus = S['SyncStatus'];
export type EmailPreference = S['EmailPreference'];
export type OidcStatus = S['OidcStatus'];
export type AdminView = NonNullable<
	NonNullable<paths['/api/v1/admin/support/tickets']['get']['parameters']['query']>['view']
>;
export type AdminSort = NonNullable<
	NonNullable<paths['/api/v1/admin/support/tickets']['get']['parameters']['query']>['sort']
>;
export type AdminListQuery = NonNullable<
	paths['/api/v1/admin/support/tickets']['get']['parameters']['query']
>;
