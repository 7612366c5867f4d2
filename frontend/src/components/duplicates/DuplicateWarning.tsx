import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { probeIsEnough, useDuplicateCheck, type DuplicateKind, type DuplicateProbe } from '../../hooks/duplicates';
import { reasonText, recordPath } from './reasons';

/**
 * "Possible duplicate": the existing records that the record being typed
 * may duplicate, with links to open them. It warns and never blocks saving.
 */
export function DuplicateWarning({ kind, probe }: { kind: DuplicateKind; probe: DuplicateProbe }) {
  const { t } = useTranslation();
  const enough = probeIsEnough(probe);
  const check = useDuplicateCheck(kind, probe, enough);
  const matches = enough ? (check.data ?? []) : [];
  if (matches.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconCopy aria-hidden="true" />}
      title={t('duplicates.warning.title')}
      role="status"
      data-testid="duplicate-warning"
    >
      <Text size="sm" mb="xs">
        {t('duplicates.warning.text')}
      </Text>
      <List size="sm" spacing={4}>
        {matches.map((m) => (
          <List.Item key={m.ids[0]}>
            <Anchor component={Link} to={recordPath(kind, m.ids[0]!)} target="_blank" rel="noopener">
              <bdi>{m.names[0] || `#${m.ids[0]}`}</bdi>
            </Anchor>
            <Text span size="sm" c="dimmed">
              {' · '}
              {reasonText(m.reasons, t)}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
