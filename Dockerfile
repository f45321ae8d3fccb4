# The Twinning platform as one image: `pnpm start` serves pages, API and WebSocket on port 3000.
# Several containers of it share one PostgreSQL and one Redis (compose.yaml, deploy/).
FROM node:20-bookworm-slim

# better-sqlite3 compiles from source (the embedded default still needs it); pnpm the README's way.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/* \
 && npm i -g pnpm@12.4.2

WORKDIR /app
# Node's own headers for the native build (pnpm 12 reads this from the environment only).
ENV npm_config_nodedir=/usr/local

# The whole tree, then the install: the web app's prepare step compiles its messages from it.
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm build && mkdir -p data && chown node:node data

USER node
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
EXPOSE 3000
CMD ["pnpm", "start"]
