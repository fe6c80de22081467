# One image for every service of the graph; docker-compose.yml picks the command per service.
FROM node:20-bookworm-slim
RUN npm i -g pnpm@10
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile
ENV HOST=0.0.0.0 NODE_ENV=production
# e.g. `pnpm --filter @sixfold/catalog start`, `pnpm --filter @sixfold/gateway start`, `pnpm db:migrate`
CMD ["pnpm", "--filter", "@sixfold/gateway", "start"]
