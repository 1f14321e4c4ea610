import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDto } from './common/api-problem.js';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Interval API')
    .setDescription(
      'Back-end interview practice on a spaced-repetition schedule. Errors are RFC 9457 ' +
        '`application/problem+json` bodies with a stable `code`.',
    )
    .setVersion('0.1.0')
    .setOpenAPIVersion('3.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The token from register or login' }, 'bearer')
    .addCookieAuth('sid', { type: 'apiKey', in: 'cookie', name: 'sid' }, 'cookie')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('cookie')
    .addServer('/', 'This server')
    .addTag('operations', 'Health')
    .addTag('auth', 'Sign-up, sign-in and sessions')
    .addTag('accounts', 'My account, settings and data')
    .addTag('questions', 'The public bank and private questions')
    .addTag('practice', 'Spaced repetition: queue, reviews, cards, forecast')
    .addTag('question sets', 'Sets, sharing, forks and subscriptions')
    .addTag('interviews', 'Mock interviews on scorecards')
    .addTag('study groups', 'Groups, invite codes and assignments')
    .addTag('progress', 'Group and personal progress')
    .addTag('imports', 'Anki packages and CSV files brought in as questions, sets and review history')
    .addTag('admin', 'Curating the bank')
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] });
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/json',
    yamlDocumentUrl: 'docs/yaml',
    customSiteTitle: 'Interval API',
  });
}

/** Keys sorted at every level, so the committed document diffs cleanly. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
