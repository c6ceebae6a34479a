import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Composer } from './composer.tsx';

const box = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });
const type = (text: string) => fireEvent.change(box(), { target: { value: text } });

describe('<Composer>', () => {
  it('sends the trimmed text on Enter with the key event as the action time, then clears and keeps focus', () => {
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    box().focus();
    type('  Hello there \n');
    const enter = fireEvent.keyDown(box(), { key: 'Enter' });
    expect(enter).toBe(false); // default prevented: no newline
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(onSend.mock.calls[0]![0]).toBe('Hello there');
    expect(typeof onSend.mock.calls[0]![1]).toBe('number');
    expect(box().value).toBe('');
    expect(document.activeElement).toBe(box());
  });

  it('adds a line on Shift+Enter, and sends nothing', () => {
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    type('first line');
    expect(fireEvent.keyDown(box(), { key: 'Enter', shiftKey: true })).toBe(true);
    expect(onSend).not.toHaveBeenCalled();
    expect(box().value).toBe('first line');
  });

  it('leaves the Enter that picks an IME candidate to the IME', () => {
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    type('にほん');
    fireEvent.keyDown(box(), { key: 'Enter', keyCode: 229 });
    fireEvent.keyDown(box(), { key: 'Enter', isComposing: true });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('sends nothing for an empty or blank draft', () => {
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    fireEvent.keyDown(box(), { key: 'Enter' });
    type('   ');
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('sends on a click of Send and gives the focus back to the box', () => {
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    type('Clicked');
    const send = screen.getByRole('button', { name: 'Send' });
    send.focus();
    fireEvent.click(send);
    expect(onSend).toHaveBeenCalledWith('Clicked', expect.any(Number));
    expect(document.activeElement).toBe(box());
  });

  it('refuses a submit while busy and keeps the draft; the button is Stop', () => {
    const onSend = vi.fn();
    const onStop = vi.fn();
    render(<Composer onSend={onSend} onStop={onStop} busy />);
    type('Next question');
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    expect(box().value).toBe('Next question');
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(onStop).toHaveBeenCalledTimes(1);
  });

  it('reports intent on focus and on input', () => {
    const onIntent = vi.fn();
    render(<Composer onSend={() => undefined} onIntent={onIntent} />);
    fireEvent.focus(box());
    fireEvent.input(box(), { target: { value: 'a' } });
    expect(onIntent).toHaveBeenCalledTimes(2);
  });

  it('renders extra controls inside the same form', () => {
    const onSend = vi.fn();
    render(
      <Composer onSend={onSend} label="Prompt">
        <select aria-label="Model" />
      </Composer>,
    );
    expect(screen.getByRole('combobox', { name: 'Model' }).closest('form')).toBe(
      screen.getByRole('textbox', { name: 'Prompt' }).closest('form'),
    );
  });
});
