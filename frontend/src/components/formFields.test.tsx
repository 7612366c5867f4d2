import { MantineProvider } from '@mantine/core';
import { useForm } from '@mantine/form';
import { act, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { createElement, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { asId, memoField, sameProps, useFormFields } from './formFields';

describe('sameProps', () => {
  it('finds literals with the same content alike, and a change at any depth unlike', () => {
    const handler = () => undefined;
    expect(sameProps({ w: { base: '100%', sm: 180 }, data: [{ value: 'a', label: 'A' }], onChange: handler }, { w: { base: '100%', sm: 180 }, data: [{ value: 'a', label: 'A' }], onChange: handler })).toBe(true);
    expect(sameProps({ data: [{ value: 'a', label: 'A' }] }, { data: [{ value: 'a', label: 'B' }] })).toBe(false);
    expect(sameProps({ tags: ['x', 'y'] }, { tags: ['x'] })).toBe(false);
    expect(sameProps({ value: 'a' }, { value: 'a', error: undefined })).toBe(false);
    expect(sameProps({ list: [] }, { list: {} })).toBe(false);
  });

  it('tells handlers, elements and class instances apart by identity', () => {
    expect(sameProps({ onChange: () => 1 }, { onChange: () => 1 })).toBe(false);
    expect(sameProps({ icon: createElement('b') }, { icon: createElement('b') })).toBe(false);
    expect(sameProps({ chosen: new Set(['o:1']) }, { chosen: new Set(['o:1']) })).toBe(false);
    const chosen = new Set(['o:1']);
    expect(sameProps({ chosen }, { chosen })).toBe(true);
  });
});

describe('memoField', () => {
  it('draws a field again when its value changes, not when its parent draws new literals of the same content', () => {
    let drawn = 0;
    const Counted = memoField(function Counted({ value }: { value: string; w: { sm: number }; data: string[] }) {
      drawn++;
      return <span>{value}</span>;
    });
    function Parent() {
      const [other, setOther] = useState(0);
      const [value, setValue] = useState('a');
      return (
        <>
          <button onClick={() => setOther(other + 1)}>other</button>
          <button onClick={() => setValue(value + 'a')}>value</button>
          <Counted value={value} w={{ sm: 180 }} data={['x', 'y']} />
        </>
      );
    }
    render(<Parent />);
    expect(drawn).toBe(1);
    fireEvent.click(screen.getByText('other'));
    fireEvent.click(screen.getByText('other'));
    expect(drawn).toBe(1);
    fireEvent.click(screen.getByText('value'));
    expect(drawn).toBe(2);
    expect(screen.getByText('aa')).toBeInTheDocument();
  });
});

describe('useFormFields', () => {
  const wrapper = ({ children }: { children: React.ReactNode }) => <MantineProvider>{children}</MantineProvider>;
  const useContactForm = () => {
    const form = useForm({ mode: 'controlled', initialValues: { name: '', project_id: null as number | null, tags: [] as string[] }, validate: { name: (v) => (v ? null : 'required') } });
    return { form, fields: useFormFields(form) };
  };

  /** A change event as an input sends it. */
  const typed = (value: string) => {
    const currentTarget = document.createElement('input');
    currentTarget.value = value;
    return { nativeEvent: new Event('change'), currentTarget };
  };

  it('keeps each field’s handlers for the form’s life, and each writes to the form as it is then', () => {
    const { result } = renderHook(useContactForm, { wrapper });
    const first = result.current.fields.input('name');
    act(() => first.onChange(typed('Ministry')));
    const second = result.current.fields.input('name');
    expect(second.value).toBe('Ministry');
    expect(second.onChange).toBe(first.onChange);
    expect(second.onFocus).toBe(first.onFocus);
    act(() => second.onChange(typed('Ministry of Youth')));
    expect(result.current.form.values.name).toBe('Ministry of Youth');
    expect(result.current.fields.set('tags')).toBe(result.current.fields.set('tags'));
  });

  it('shows the form’s error on the field, and clears it when typed into', () => {
    const { result } = renderHook(useContactForm, { wrapper });
    act(() => void result.current.form.validate());
    expect(result.current.fields.input('name').error).toBe('required');
    act(() => result.current.fields.input('name').onChange(typed('x')));
    expect(result.current.fields.input('name').error).toBeUndefined();
  });

  it('converts a setter’s value as its field needs', () => {
    const { result } = renderHook(useContactForm, { wrapper });
    act(() => result.current.fields.set('project_id', asId)('12'));
    expect(result.current.form.values.project_id).toBe(12);
    act(() => result.current.fields.set('project_id', asId)(null));
    expect(result.current.form.values.project_id).toBeNull();
    act(() => result.current.fields.set<string[]>('tags')(['youth']));
    expect(result.current.form.values.tags).toEqual(['youth']);
  });
});
