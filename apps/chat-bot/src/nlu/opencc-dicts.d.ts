// opencc-js ships its dictionaries as modules without types: each is one string of
// "source replacement" pairs separated by "|".
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
