# One image for the migrate, ingest and worker services; compose picks the command.

FROM node:20-slim AS build
WORKDIR /app
# Manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY packages/config/package.json packages/config/
COPY packages/similarity/package.json packages/similarity/
COPY packages/db/package.json packages/db/
COPY packages/queue/package.json packages/queue/
COPY apps/ingest/package.json apps/ingest/
COPY apps/worker/package.json apps/worker/
COPY apps/cli/package.json apps/cli/
# The root `prepare` script builds with tsc, which cannot work before the sources are copied.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY packages packages
COPY apps apps
RUN npx tsc -b && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-slim
WORKDIR /app
ENV NODE_OPTIONS=--enable-source-maps
# The workspace links in node_modules point at packages/* and apps/*, so those come along whole:
# their dist, and the SQL migrations that packages/db reads at run time.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/packages packages
COPY --from=build /app/apps apps
USER node
EXPOSE 3000
CMD ["node", "apps/ingest/dist/main.js"]
