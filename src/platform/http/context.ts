import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '../context.js';
import type { Db } from '../db/connection.js';

/** The service context of an HTTP request: who acts, and what they may see. */
export function requestContext(db: Db, request: FastifyRequest): ServiceContext {
  return { db, actor: request.actor, principal: request.principal };
}
