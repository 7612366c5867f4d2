import type { UseFormReturnType } from '@mantine/form';
import { useEffect, type RefObject } from 'react';
import { useNavigate } from 'react-router';
import { focusFirstInvalid } from './FormParts';
import { notify } from './notify';
import { useDraft } from './quicklog/drafts';
import { useLeaveGuard } from './quicklog/LeaveGuard';

/** What a record form needs of its create mutation (TanStack Query's). */
interface CreateMutation<R, C> {
  mutate: (body: C, options: { onSuccess: (created: R) => void }) => void;
  error: unknown;
  isPending: boolean;
}

/** What a record form needs of its edit session (useEditSession). */
interface EditSubmit<R, B> {
  submit: (body: B) => Promise<R | null | undefined>;
  error: unknown;
  saving: boolean;
}

/**
 * The submit path every record form shares: a new record is created, an
 * existing one saved through its edit session (only changed fields, with
 * If-Match; a 412 opens the conflict dialog); either way the user is told
 * and taken to the record. Whatever is invalid, by the form's own rules or
 * the server's answer, is shown at its field and focus moves to the first.
 *
 * Nothing typed is lost: the values are kept as a draft (`draftKey`, one per
 * form and record) while they differ from the record, put back when the
 * form opens again, and leaving the page with unsaved changes asks first.
 */
export function useRecordForm<V, R extends { id: number }, C, B>({
  form,
  formRef,
  editing,
  create,
  session,
  toCreate,
  toBody,
  pathOf,
  createdText,
  savedText,
  fieldErrors,
  draftKey,
}: {
  form: UseFormReturnType<V>;
  formRef: RefObject<HTMLFormElement | null>;
  editing: boolean;
  create: CreateMutation<R, C>;
  session: EditSubmit<R, B>;
  toCreate: (values: V) => C;
  toBody: (values: V) => B;
  /** Where the saved record is shown. */
  pathOf: (saved: R) => string;
  createdText: (created: R) => string;
  savedText: (saved: R) => string;
  /** The server's field errors as this form's fields name them. */
  fieldErrors: (error: unknown) => Record<string, string>;
  /** Names the draft: `form:contact:12`, `form:visit:new`. */
  draftKey: string;
}) {
  const navigate = useNavigate();
  const dirty = form.isDirty();
  const draft = useDraft<V>(draftKey, form.values, dirty);
  const guard = useLeaveGuard(dirty);

  useEffect(() => {
    if (draft.restored) form.setValues(draft.restored.value as Partial<V>);
    // What was there when the form opened is put back, once.
  }, []);

  /** Saved: the draft has served, and the form may leave without asking. */
  const settle = () => {
    draft.clear();
    guard.release();
  };
  const serverError = editing ? session.error : create.error;

  useEffect(() => {
    if (!serverError) return;
    form.setErrors(fieldErrors(serverError));
    focusFirstInvalid(formRef.current);
    // Only a new answer from the server replaces the errors shown.
  }, [serverError]);

  /** After a save, here or from the conflict dialog. */
  const saved = (record: R) => {
    settle();
    notify.success(savedText(record));
    void navigate(pathOf(record));
  };

  const submit = form.onSubmit(
    async (values) => {
      if (!editing) {
        create.mutate(toCreate(values), {
          onSuccess: (created) => {
            settle();
            notify.success(createdText(created));
            void navigate(pathOf(created));
          },
        });
        return;
      }
      const record = await session.submit(toBody(values));
      if (record) saved(record);
    },
    () => focusFirstInvalid(formRef.current),
  );

  return {
    submit,
    serverError,
    saved,
    saving: editing ? session.saving : create.isPending,
    guard,
    /** The draft put back when the form opened, if any: its time, and how to drop it. */
    draft: draft.restored
      ? {
          savedAt: draft.restored.saved_at,
          discard: () => {
            draft.discard();
            form.reset();
          },
        }
      : null,
  };
}
