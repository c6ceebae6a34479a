import { describe, expect, it } from 'vitest';
import { completeOpenSyntax, endsInsideFence } from './complete-open-syntax.ts';

describe('completeOpenSyntax', () => {
  it.each([
    ['Some **bol', 'Some **bol**'],
    ['Some __bol', 'Some __bol__'],
    ['an *ita', 'an *ita*'],
    ['an _ita', 'an _ita_'],
    ['~~stru', '~~stru~~'],
    ['**bold and *both', '**bold and *both***'],
    ['use `cod', 'use `cod`'],
    ['use ``co`de', 'use ``co`de``'],
    ['done **bold** then', 'done **bold** then'],
    ['a snake_case_name', 'a snake_case_name'],
    ['* a list item', '* a list item'],
    ['2 * 3', '2 * 3'],
    ['`a * b` and', '`a * b` and'],
    ['escaped \\*star', 'escaped \\*star'],
  ])('closes inline syntax: %j → %j', (input, output) => {
    expect(completeOpenSyntax(input)).toBe(output);
  });

  it.each([
    ['Hello **', 'Hello '],
    ['Hello *', 'Hello '],
    ['Hello `', 'Hello '],
    ['Hello ~~', 'Hello '],
  ])('holds back a marker that opened nothing yet: %j', (input, output) => {
    expect(completeOpenSyntax(input)).toBe(output);
  });

  it.each([
    ['see [the docs](https://exa', 'see the docs'],
    ['see [the do', 'see the do'],
    ['see [the docs]', 'see the docs'],
    ['an image ![alt](https://img', 'an image '],
    ['an image ![al', 'an image '],
    ['done [a](https://a.b) and', 'done [a](https://a.b) and'],
    ['- [ ]', '- [ ]'],
    ['- [x', '- [x'],
  ])('shows a half-written link as its text: %j', (input, output) => {
    expect(completeOpenSyntax(input)).toBe(output);
  });

  it('holds back table rows until the delimiter row arrives, then shows the table', () => {
    expect(completeOpenSyntax('Intro\n| a | b |')).toBe('Intro');
    expect(completeOpenSyntax('| a | b |\n| --- | :-: |')).toBe('| a | b |\n| --- | :-: |');
    expect(completeOpenSyntax('| a | b |\n|---|---|\n| 1 |')).toBe('| a | b |\n|---|---|\n| 1 |');
  });

  it('leaves code blocks alone, open or closed', () => {
    expect(completeOpenSyntax('```js\nconst a = b * c _x')).toBe('```js\nconst a = b * c _x');
    expect(completeOpenSyntax('```\na*b\n```')).toBe('```\na*b\n```');
  });
});

describe('endsInsideFence', () => {
  it.each([
    ['```js\ncode', true],
    ['```js\ncode\n```', false],
    ['~~~\ncode\n```', true],
    ['````\ncode\n```', true],
    ['````\ncode\n`````', false],
    ['text ```inline``` text', false],
    ['    ```indented four: not a fence', false],
  ])('%j → %s', (text, inside) => {
    expect(endsInsideFence(text)).toBe(inside);
  });
});
