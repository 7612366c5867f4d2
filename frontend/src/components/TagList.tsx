import { Badge, Group } from '@mantine/core';
import { useTagName } from './useNames';

/** A record's tags as small badges; SDGs in their own colour. */
export function TagList({ tags, max }: { tags: readonly string[]; max?: number }) {
  const tagName = useTagName();
  const shown = max ? tags.slice(0, max) : tags;
  return (
    <Group gap={4} wrap="wrap">
      {shown.map((slug) => (
        <Badge key={slug} size="sm" radius="sm" variant="light" color={slug.startsWith('sdg-') ? 'indigo' : 'gray'} tt="none" fw={500}>
          {tagName(slug)}
        </Badge>
      ))}
      {max && tags.length > max && (
        <Badge size="sm" radius="sm" variant="outline" color="gray" tt="none">
          +{tags.length - max}
        </Badge>
      )}
    </Group>
  );
}
