import { Checkbox, MultiSelect, NativeSelect, Select, Switch, TextInput, Textarea } from '@mantine/core';
import type { GetInputPropsOptions, UseFormReturnType } from '@mantine/form';
import { memo, useRef, type ComponentType } from 'react';
import { DateField } from './dates/DateField';
import { ContactPicker, CountrySelect, OrganizationPicker, OwnerSelect, TagsSelect } from './pickers';
import { Segmented } from './segmented/Segmented';

/** Plain data: an array, or an object made by a literal (a React element is not). */
function isPlainData(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || '$$typeof' in x) return false;
  const proto = Object.getPrototypeOf(x);
  return Array.isArray(x) || proto === Object.prototype || proto === null;
}

/** The same value, or plain data with the same content. */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!isPlainData(a) || !isPlainData(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && sameData(a[k], b[k]));
}

/**
 * Props alike when each is the same value or plain data with the same
 * content. A form made with Mantine's useForm copies all of its values on
 * every change, so a list (tags, positions) is a new array after each key
 * typed anywhere; and a literal (`w={{ sm: 180 }}`, `data={options(t)}`) is
 * new on every render. Compared by content, they do not draw a field again.
 */
export function sameProps(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return sameData(a, b); // props are a plain object
}

/** `component`, drawn again only when its props change by sameProps; its own type (generics included) kept. */
export function memoField<C extends ComponentType<any>>(component: C): C {
  return memo(component, (a, b) => sameProps(a as Record<string, unknown>, b as Record<string, unknown>)) as unknown as C;
}

/**
 * A form's fields, each drawn again only when its own value, error or other
 * props change. Given handlers that live as long as the form (useFormFields),
 * a key typed in one field draws that field, not the form's hundreds of
 * components, which on a phone is the difference between typing that keeps
 * up and typing that lags.
 */
export const Field = {
  Text: memoField(TextInput),
  Lines: memoField(Textarea),
  Select: memoField(Select),
  MultiSelect: memoField(MultiSelect),
  NativeSelect: memoField(NativeSelect),
  Switch: memoField(Switch),
  Checkbox: memoField(Checkbox),
  Date: memoField(DateField),
  Country: memoField(CountrySelect),
  Owner: memoField(OwnerSelect),
  Tags: memoField(TagsSelect),
  Organization: memoField(OrganizationPicker),
  Contact: memoField(ContactPicker),
  Segmented: memoField(Segmented),
};

/** A select's choice as an id, or none (for `set(path, asId)`). */
export const asId = (value: string | null) => (value ? Number(value) : null);
/** A multi-select's choices as ids. */
export const asIds = (values: string[]) => values.map(Number);

type Handlers = { onChange: (e: unknown) => void; onFocus?: () => void; onBlur?: () => void };

/**
 * Handlers for a Mantine form's fields that keep their identity for the
 * form's life, each passing to the form as it is at the time of the event:
 * `input(path)` is `form.getInputProps(path)` with lasting handlers, and
 * `set(path, as?)` a lasting `(value) => form.setFieldValue(path, as(value))`
 * (a path is one field: its setter converts as its first call says).
 * `form()` is the form as last drawn, for a memoized part's own actions.
 */
export function useFormFields<V>(form: UseFormReturnType<V>): FormFields<V> {
  const latest = useRef(form);
  latest.current = form;
  const fields = useRef<FormFields<V> | null>(null);
  fields.current ??= lastingFields(() => latest.current);
  return fields.current;
}

export interface FormFields<V> {
  input: (path: string, options?: GetInputPropsOptions) => ReturnType<UseFormReturnType<V>['getInputProps']>;
  set: <T>(path: string, as?: (value: T) => unknown) => (value: T) => void;
  form: () => UseFormReturnType<V>;
}

function lastingFields<V>(form: () => UseFormReturnType<V>): FormFields<V> {
  const inputs = new Map<string, Handlers>();
  const setters = new Map<string, (value: unknown) => void>();
  return {
    input: (path, options) => {
      const props = form().getInputProps(path, options);
      const key = `${options?.type ?? 'input'} ${path}`;
      let handlers = inputs.get(key);
      if (!handlers) {
        const now = () => form().getInputProps(path, options) as Handlers;
        handlers = { onChange: (e) => now().onChange(e) };
        if (props.onFocus) handlers.onFocus = () => now().onFocus?.();
        if (props.onBlur) handlers.onBlur = () => now().onBlur?.();
        inputs.set(key, handlers);
      }
      return { ...props, ...handlers };
    },
    set: <T,>(path: string, as?: (value: T) => unknown) => {
      let setter = setters.get(path);
      if (!setter) {
        setter = (value) => form().setFieldValue(path as never, (as ? as(value as T) : value) as never);
        setters.set(path, setter);
      }
      return setter as (value: T) => void;
    },
    form,
  };
}
