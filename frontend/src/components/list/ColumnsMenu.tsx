import { Button, Checkbox, Popover, Stack, Text } from '@mantine/core';
import { IconColumns3 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Lets a person choose which optional columns a list shows. */
export function ColumnsMenu({
  columns,
  visible,
  onChange,
}: {
  columns: { id: string; label: string }[];
  visible: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Popover position="bottom-end" shadow="md" trapFocus withinPortal>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns3 size={16} aria-hidden="true" />}>
          {t('list.columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group value={visible} onChange={onChange} label={<Text size="sm" fw={600}>{t('list.columnsLabel')}</Text>}>
          <Stack gap="xs" mt="xs">
            {columns.map((c) => (
              <Checkbox key={c.id} value={c.id} label={c.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Popover.Dropdown>
    </Popover>
  );
}
