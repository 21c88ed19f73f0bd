import { field } from './response-field';

/** The listApis `response` of commands that answer `{"success":true}`. */
export const SUCCESS_RESPONSE = {
  fields: [
    field('success', 'boolean', 'true if operation is executed successfully'),
    field('displaytext', 'string', 'any text associated with the success or failure'),
  ],
} as const;
