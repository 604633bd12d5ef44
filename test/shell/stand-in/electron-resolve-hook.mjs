// node:module resolve hook for the shell tests: the specifier `electron` becomes the strict stand-in
// (data.standInUrl); everything else resolves as Node would. Loaded with module.register().
let standInUrl;

export function initialize(data) {
  standInUrl = data.standInUrl;
}

export async function resolve(specifier, context, nextResolve) {
  // Through the rest of the chain, so tsx (registered first) still loads the TypeScript stand-in.
  if (specifier === 'electron') return nextResolve(standInUrl, context);
  return nextResolve(specifier, context);
}
