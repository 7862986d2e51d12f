/** @procura/express-kit: work in progress (issue 8). */
export {};
