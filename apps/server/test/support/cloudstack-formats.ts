/** A CloudStack uuid as the API prints it (lowercase, dashed). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A date as CloudStack prints it: `yyyy-MM-ddTHH:mm:ss+0000`. */
export const CLOUDSTACK_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/;
