import { api, call } from '../../api/client';
import type { CreateProduct, VersionDefinition } from '../../api/types';

// The products module's calls (benefit packages and their versions).
export const listProducts = (scheme: string) => call(api.GET('/api/schemes/{scheme}/products', { params: { path: { scheme } } }));
export const getProduct = (scheme: string, product: string) => call(api.GET('/api/schemes/{scheme}/products/{product}', { params: { path: { scheme, product } } }));
export const createProduct = (scheme: string, body: CreateProduct) => call(api.POST('/api/schemes/{scheme}/products', { params: { path: { scheme } }, body }));
export const addVersion = (scheme: string, product: string, body: VersionDefinition) =>
  call(api.POST('/api/schemes/{scheme}/products/{product}/versions', { params: { path: { scheme, product } }, body }));
export const replaceVersion = (scheme: string, product: string, effectiveFrom: string, body: VersionDefinition) =>
  call(api.PUT('/api/schemes/{scheme}/products/{product}/versions/{effectiveFrom}', { params: { path: { scheme, product, effectiveFrom } }, body }));
