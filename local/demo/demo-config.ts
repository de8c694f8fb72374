/**
 * What the demo tenant configures, so `npm start` shows findings at once: an OpenAPI document for
 * the shop API (one deprecated and one never-called operation) and a rules document.
 */
export const DEMO_SPEC_NAME = 'shop';

export const DEMO_SPEC = `openapi: 3.0.3
info: { title: Demo shop, version: '1.4' }
servers: [{ url: 'https://shop.example.com/api/v1' }]
paths:
  /products/{productId}:
    get:
      parameters: [{ name: productId, in: path, required: true, schema: { type: integer } }]
      responses: { '200': { description: product }, '404': { description: unknown product } }
  /collections/{slug}/products:
    get:
      parameters: [{ name: slug, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: products } }
  /carts/{cartId}/items:
    post:
      parameters: [{ name: cartId, in: path, required: true, schema: { type: string, format: uuid } }]
      responses: { '201': { description: added } }
  /users/me:
    get:
      responses: { '200': { description: the caller } }
  /orders/{orderId}:
    get:
      deprecated: true
      parameters: [{ name: orderId, in: path, required: true, schema: { type: integer } }]
      responses: { '200': { description: order } }
  /wishlist:
    get:
      responses: { '200': { description: wishlist } }
`;

export const DEMO_RULES = JSON.stringify({
  settings: { expectedCountries: ['US', 'GB'], internalCidrs: ['10.0.0.0/8'] },
  rules: [
    {
      id: 'staging-deletes',
      category: 'Destructive calls on staging from outside',
      severity: 'high',
      description: 'DELETE on a staging host reached from the internet.',
      action: 'block',
      match: { environment: ['staging'], methods: ['DELETE'], exposure: 'external' },
    },
    {
      id: 'legacy-exports',
      category: 'Bulk customer exports',
      severity: 'medium',
      match: { host: 'legacy.example.com', path: '/v0/export/**' },
    },
  ],
});
