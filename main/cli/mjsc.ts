// PLACEHOLDER (foundation agent replaces): the mjsc command line.
console.log('mjsc');
