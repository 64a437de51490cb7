# syntax=docker/dockerfile:1
# One image for every service and task of the platform; the command picks what runs, e.g.
#   node dist/services/orders/src/main.js   or   node dist/infra/tasks/migrate.js
# The operator CLI is in it too: node dist/cli/main.js --help
# The Node version is the one the local stack runs with.

FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The project allows no install scripts (package.json "allowScripts"); npm 10 ignores that list.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY libs libs
COPY services services
COPY cli cli
COPY infra/tasks infra/tasks
RUN npx tsc -p tsconfig.json \
  && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
  && mkdir -p /runtime-files \
  && cp -r --parents libs/*/migrations services/*/migrations services/admin/openapi.yaml \
    services/admin/console /runtime-files/

FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# Compiled code finds these (migrations, the admin API's OpenAPI document, the console) relative
# to the repository root (/app), as it does locally.
COPY --from=build /runtime-files/ ./
COPY schemas schemas
USER node
CMD ["node", "dist/services/orders/src/main.js"]
