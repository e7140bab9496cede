import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { CreateProduct, Product, ProductParams, VersionDefinition, VersionParams } from './products.schemas.js';
import * as service from './products.service.js';

export async function productsRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['products'];

  app.get('/api/schemes/:scheme/products', {
    schema: { tags, summary: 'Benefit packages of a scheme, with their versions', params: SchemeParams, response: { 200: Type.Array(Product) } },
    config: { scope: 'scheme', permission: 'products.read' },
  }, async (request) => service.listProducts(ctx(request), request.scheme!.id));

  app.post('/api/schemes/:scheme/products', {
    schema: { tags, summary: 'Create a benefit package with its first versions', params: SchemeParams, body: CreateProduct, response: { 201: Product } },
    config: { scope: 'scheme', permission: 'products.manage' },
  }, async (request, reply) => reply.status(201).send(await service.createProduct(ctx(request), request.scheme!.id, request.body)));

  app.get('/api/schemes/:scheme/products/:product', {
    schema: { tags, summary: 'One benefit package', params: ProductParams, response: { 200: Product } },
    config: { scope: 'scheme', permission: 'products.read' },
  }, async (request) => service.getProduct(ctx(request), request.scheme!.id, request.params.product));

  app.post('/api/schemes/:scheme/products/:product/versions', {
    schema: { tags, summary: 'Add a version effective from a date (how a package changes)', params: ProductParams, body: VersionDefinition, response: { 201: Product } },
    config: { scope: 'scheme', permission: 'products.manage' },
  }, async (request, reply) => reply.status(201).send(await service.addVersion(ctx(request), request.scheme!.id, request.params.product, request.body)));

  app.put('/api/schemes/:scheme/products/:product/versions/:effectiveFrom', {
    schema: { tags, summary: 'Correct a version that no coverage uses yet', params: VersionParams, body: VersionDefinition, response: { 200: Product } },
    config: { scope: 'scheme', permission: 'products.manage' },
  }, async (request) => service.replaceVersion(ctx(request), request.scheme!.id, request.params.product, request.params.effectiveFrom, request.body));
}
