import { Alert, Button, Group, Stack, Stepper } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { useImport, useImportColumns, useImportFields, type ImportKind, type ImportResult, type OnDuplicate } from '../../hooks/imports';
import { errorMessage } from '../../i18n/errorMessage';
import { CheckStep } from './CheckStep';
import { DoneStep } from './DoneStep';
import { suggestMapping } from './headerSuggestions';
import { MappingStep } from './MappingStep';
import { UploadStep } from './UploadStep';

/**
 * The import wizard: a spreadsheet is uploaded and its columns read
 * (format, separator, columns and the first rows; the server stops there,
 * so the mapping opens at once however long the file), its columns mapped
 * to fields, checked by a dry run that names every bad row and duplicate,
 * and only then imported, with a progress bar and a summary.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const fields = useImportFields();
  const columns = useImportColumns();
  const dryRun = useImport();
  const runImport = useImport();
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ImportKind>('contacts');
  const [file, setFile] = useState<File | null>(null);
  const [read, setRead] = useState<ImportResult | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>('skip');
  const [progress, setProgress] = useState(0);
  const [done, setDone] = useState<ImportResult | null>(null);
  const fieldNames = (fields.data?.[kind] ?? []).map((f) => f.name);

  const readFile = (chosen: File) => {
    setFile(chosen);
    setChecked(null);
    dryRun.reset();
    columns.mutate(
      { file: chosen, kind },
      {
        onSuccess: (result) => {
          setRead(result);
          setMapping(suggestMapping(result.columns, fieldNames));
          setStep(1);
        },
      },
    );
  };

  const check = () => {
    if (!file) return;
    setProgress(0);
    dryRun.mutate(
      { request: { file, kind, mapping, onDuplicate, dryRun: true }, onProgress: setProgress },
      {
        onSuccess: (result) => {
          setChecked(result);
          setStep(2);
        },
      },
    );
  };

  const start = () => {
    if (!file) return;
    setProgress(0);
    setStep(3);
    runImport.mutate({ request: { file, kind, mapping, onDuplicate, dryRun: false }, onProgress: setProgress }, { onSuccess: setDone });
  };

  const restart = () => {
    setStep(0);
    setFile(null);
    setRead(null);
    setChecked(null);
    setDone(null);
    columns.reset();
    dryRun.reset();
    runImport.reset();
  };

  const failure = columns.error ?? dryRun.error ?? runImport.error;
  return (
    <Stack gap="md">
      <PageHeader title={t('import.title')} description={t('import.description')} />
      {failure && (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden="true" />} role="alert" title={t('import.failed')}>
          {errorMessage(failure, t)}
          {failure instanceof ApiError && failure.errors.length > 0 && (
            <ul>
              {failure.errors.map((e) => (
                <li key={e.location + e.message}>{e.message}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <Stepper active={step} onStepClick={(next) => next < step && step < 3 && setStep(next)} size="sm" wrap>
        <Stepper.Step label={t('import.steps.file')}>
          <UploadStep kind={kind} onKind={(next) => setKind(next)} onFile={readFile} busy={columns.isPending} />
        </Stepper.Step>
        <Stepper.Step label={t('import.steps.columns')}>
          {read && (
            <MappingStep
              kind={kind}
              result={read}
              fields={fields.data?.[kind] ?? []}
              mapping={mapping}
              onMapping={setMapping}
              onCheck={check}
              busy={dryRun.isPending}
              checked={progress}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label={t('import.steps.check')}>
          {checked && (
            <CheckStep
              kind={kind}
              result={checked}
              onDuplicate={onDuplicate}
              onDuplicateChange={setOnDuplicate}
              onRecheck={check}
              onImport={start}
              onBack={() => setStep(1)}
              busy={dryRun.isPending}
              checked={progress}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label={t('import.steps.import')}>
          <DoneStep kind={kind} total={checked?.rows ?? 0} progress={progress} result={done} pending={runImport.isPending} />
        </Stepper.Step>
      </Stepper>
      {(step > 0 || done) && (
        <Group>
          <Button variant="subtle" onClick={restart} disabled={runImport.isPending}>
            {t('import.another')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
