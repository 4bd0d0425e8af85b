# The bot (or, without TELEGRAM_BOT_TOKEN, the terminal chat) on the bundled corpus.
# Build: docker build -t gov-report-bot .
# Bot:   docker run --rm -e TELEGRAM_BOT_TOKEN=123:abc gov-report-bot
# Chat:  docker run --rm -it gov-report-bot          (no token: the terminal chat, needs -it)
# Tests: docker run --rm gov-report-bot npm test    (the shared folder is not in the image:
#        tests over ../shared skip themselves)
# Several replicas on PostgreSQL, behind one HTTPS port: compose.yaml (README, "Several replicas:
# PostgreSQL").
FROM node:20-bookworm-slim

# nodejieba is a native addon: its install script builds it with node-gyp when no prebuilt
# binary can be fetched, which needs python3, make and g++. poppler-utils and tesseract with
# Simplified Chinese read scanned PDF reports by OCR.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
      poppler-utils tesseract-ocr tesseract-ocr-chi-sim \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

COPY tsconfig.json tsconfig.build.json vitest.config.ts ./
COPY bin ./bin
COPY src ./src
# Compiled once here: the bot starts from dist/ rather than compiling TypeScript at every start.
RUN npm run build
COPY corpus ./corpus
COPY test ./test
RUN mkdir -p index

ENV NODE_ENV=production \
    CORPUS_DIR=/app/corpus \
    INDEX_DIR=/app/index
# The index is built on first start (and rebuilt when the corpus changes). node itself, not npm,
# receives docker's SIGTERM and stops the bot cleanly.
CMD ["node", "dist/src/cli/start.js"]
