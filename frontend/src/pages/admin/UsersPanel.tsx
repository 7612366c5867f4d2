import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  MultiSelect,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { IconDots, IconEdit, IconKey, IconShieldOff, IconUserCheck, IconUserOff, IconUserPlus } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConflictDialog } from '../../components/ConflictDialog';
import { FormAlert } from '../../components/FormParts';
import { QueryError } from '../../components/QueryError';
import { SearchField } from '../../components/list/ListParts';
import { useUrlFilters } from '../../components/list/useUrlFilters';
import { totalText } from '../../components/list/totalText';
import { notify } from '../../components/notify';
import { OfficeSelect } from '../../components/pickers';
import { useEditSession } from '../../components/useEditSession';
import { useFormat } from '../../components/useFormat';
import { useOfficeName } from '../../components/useNames';
import { useMe } from '../../hooks/auth';
import { flattenPages, listTotal } from '../../hooks/list';
import { ROLES, useCreateUser, useUpdateUser, useUsers, type Role, type UserPatch, type UserRecord } from '../../hooks/users';
import { LANGUAGES } from '../../i18n';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';
import { UserSessions } from './UserSessions';
import { mayHaveTwoFactor, ResetTwoFactorDialog } from './ResetTwoFactorDialog';

const ROLE_COLORS: Record<Role, string> = { admin: 'grape', manager: 'indigo', officer: 'liaison', viewer: 'gray' };
const MIN_PASSWORD = 12;

export function UsersPanel() {
  const { t } = useTranslation();
  const url = useUrlFilters();
  const format = useFormat();
  const officeName = useOfficeName();
  const { data: me } = useMe();
  const activeParam = url.text('active');
  const filter = {
    q: url.text('q'),
    role: url.oneOf('role', ROLES),
    office_id: url.ids('office'),
    active: activeParam === 'true' || activeParam === 'false' ? activeParam : undefined,
  } as const;
  const list = useUsers(filter);
  const users = useMemo(() => flattenPages(list.data?.pages), [list.data]);
  const first = list.data?.pages[0];
  const total = first?.total !== undefined ? listTotal(first) : undefined;

  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRecord | null>(null);
  const [resetting, setResetting] = useState<UserRecord | null>(null);
  const [toggling, setToggling] = useState<UserRecord | null>(null);
  const [resettingTwoFactor, setResettingTwoFactor] = useState<UserRecord | null>(null);
  const update = useUpdateUser();

  const roleData = ROLES.map((value) => ({ value, label: t(`roles.${value}`) }));

  return (
    <Stack gap="md">
      <Paper withBorder radius="lg" p="md" component="section" aria-label={t('list.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <SearchField label={t('list.search')} placeholder={t('admin.searchUsers')} value={filter.q ?? ''} onChange={(q) => url.set({ q })} />
          <MultiSelect
            label={t('admin.role')}
            placeholder={filter.role.length ? undefined : t('list.any')}
            data={roleData}
            value={filter.role}
            onChange={(v) => url.set({ role: v })}
            clearable
          />
          <OfficeSelect label={t('admin.office')} placeholder={t('list.any')} value={filter.office_id[0] ?? null} onChange={(v) => url.set({ office: v })} clearable />
          <Select
            label={t('admin.status')}
            data={[
              { value: 'all', label: t('admin.statusAll') },
              { value: 'true', label: t('admin.active') },
              { value: 'false', label: t('admin.inactive') },
            ]}
            value={filter.active ?? 'all'}
            onChange={(v) => url.set({ active: v === 'all' ? null : v })}
            allowDeselect={false}
          />
        </SimpleGrid>
      </Paper>

      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite">
          {total !== undefined ? t('admin.userCount', { count: total.count, formatted: totalText(total, format.number) }) : ''}
        </Text>
        <Button leftSection={<IconUserPlus size={18} aria-hidden="true" />} onClick={() => setCreating(true)}>
          {t('admin.newUser')}
        </Button>
      </Group>

      {list.isError && !list.data ? (
        <QueryError title={t('admin.usersLoadError')} error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={820} type="native" pos="relative">
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label={t('admin.usersTable')} aria-busy={list.isFetching}>
              <Table.Thead bg="var(--mantine-color-gray-0)">
                <Table.Tr>
                  <Table.Th scope="col">{t('admin.name')}</Table.Th>
                  <Table.Th scope="col">{t('admin.role')}</Table.Th>
                  <Table.Th scope="col">{t('admin.office')}</Table.Th>
                  <Table.Th scope="col">{t('admin.status')}</Table.Th>
                  <Table.Th scope="col">{t('twoFactor.admin.column')}</Table.Th>
                  <Table.Th scope="col">{t('admin.lastLogin')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        <bdi>{u.name}</bdi>
                        {u.id === me?.id && (
                          <Text span size="xs" c="dimmed" fw={400}>
                            {' '}
                            {t('admin.you')}
                          </Text>
                        )}
                      </Text>
                      <Text size="xs" c="dimmed">
                        <bdi>{u.email}</bdi>
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={ROLE_COLORS[u.role]} tt="none" radius="sm">
                        {t(`roles.${u.role}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{officeName(u.office_id)}</Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={u.active ? 'teal' : 'gray'} tt="none">
                        {u.active ? t('admin.active') : t('admin.inactive')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {u.mfa_enabled !== undefined && (
                        <Badge variant="light" color={u.mfa_enabled ? 'teal' : 'gray'} tt="none" radius="sm">
                          {u.mfa_enabled ? t('twoFactor.admin.on') : t('twoFactor.admin.off')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" c="dimmed">
                        {u.last_login_at ? format.dateTime(u.last_login_at) : t('admin.never')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={t('admin.actionsFor', { name: u.name })}>
                            <IconDots size={18} aria-hidden="true" />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconEdit size={16} aria-hidden="true" />} onClick={() => setEditing(u)}>
                            {t('admin.editUser')}
                          </Menu.Item>
                          <Menu.Item leftSection={<IconKey size={16} aria-hidden="true" />} onClick={() => setResetting(u)}>
                            {t('admin.resetPassword')}
                          </Menu.Item>
                          {u.id !== me?.id && mayHaveTwoFactor(u) && (
                            <Menu.Item leftSection={<IconShieldOff size={16} aria-hidden="true" />} onClick={() => setResettingTwoFactor(u)}>
                              {t('twoFactor.admin.reset')}
                            </Menu.Item>
                          )}
                          {u.id !== me?.id && (
                            <Menu.Item
                              color={u.active ? 'red' : undefined}
                              leftSection={u.active ? <IconUserOff size={16} aria-hidden="true" /> : <IconUserCheck size={16} aria-hidden="true" />}
                              onClick={() => setToggling(u)}
                            >
                              {u.active ? t('admin.deactivate') : t('admin.reactivate')}
                            </Menu.Item>
                          )}
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('list.loadMore')}
          </Button>
        </Group>
      )}

      <CreateUserModal opened={creating} onClose={() => setCreating(false)} />
      {editing && <EditUserModal user={editing} onClose={() => setEditing(null)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
      <ResetTwoFactorDialog user={resettingTwoFactor} onClose={() => setResettingTwoFactor(null)} />
      <ConfirmDialog
        opened={toggling !== null}
        onClose={() => {
          update.reset();
          setToggling(null);
        }}
        title={toggling?.active ? t('admin.deactivateTitle', { name: toggling?.name ?? '' }) : t('admin.reactivateTitle', { name: toggling?.name ?? '' })}
        message={toggling?.active ? t('admin.deactivateText') : t('admin.reactivateText')}
        confirmLabel={toggling?.active ? t('admin.deactivate') : t('admin.reactivate')}
        color={toggling?.active ? 'red' : 'liaison'}
        loading={update.isPending}
        error={update.error}
        onConfirm={() =>
          toggling &&
          update.mutate(
            { id: toggling.id, version: toggling.version, patch: { active: !toggling.active } },
            {
              onSuccess: (saved) => {
                notify.success(saved.active ? t('admin.reactivated', { name: saved.name }) : t('admin.deactivated', { name: saved.name }));
                setToggling(null);
              },
            },
          )
        }
      />
    </Stack>
  );
}

interface UserFormValues {
  name: string;
  email: string;
  password: string;
  role: string | null;
  office_id: number | null;
  locale: string | null;
  active: boolean;
}

function userValidation(t: TFunction, withPassword: boolean) {
  return {
    name: (v: string) => (v.trim() ? null : t('admin.nameRequired')),
    email: (v: string) => (!v.trim() ? t('admin.emailRequired') : /^\S+@\S+$/.test(v.trim()) ? null : t('validation.email')),
    password: (v: string) => (withPassword && v.length < MIN_PASSWORD ? t('validation.minLength', { count: MIN_PASSWORD }) : null),
    role: (v: string | null) => (v ? null : t('admin.roleRequired')),
    office_id: (v: number | null) => (v ? null : t('admin.officeRequired')),
  };
}

const USER_FIELDS = ['name', 'email', 'password', 'role', 'office_id', 'locale', 'active'];

function UserFields({ form, withPassword, self }: { form: UseFormReturnType<UserFormValues>; withPassword: boolean; self?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <TextInput label={t('admin.name')} required data-autofocus {...form.getInputProps('name')} />
      <TextInput label={t('admin.email')} type="email" dir="ltr" required {...form.getInputProps('email')} />
      {withPassword && (
        <PasswordInput
          label={t('admin.password')}
          description={t('admin.passwordHint', { count: MIN_PASSWORD })}
          required
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('admin.role')}
          required
          data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          disabled={self}
          {...form.getInputProps('role')}
        />
        <OfficeSelect
          label={t('admin.office')}
          required
          value={form.values.office_id}
          onChange={(v) => form.setFieldValue('office_id', v)}
          error={form.errors.office_id}
        />
      </SimpleGrid>
      <Select
        label={t('admin.language')}
        data={LANGUAGES.map((value) => ({ value, label: t(`languages.${value}`) }))}
        allowDeselect={false}
        {...form.getInputProps('locale')}
      />
      {!withPassword && !self && <Switch label={t('admin.activeLabel')} {...form.getInputProps('active', { type: 'checkbox' })} />}
    </Stack>
  );
}

function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const create = useCreateUser();
  const form = useForm<UserFormValues>({
    mode: 'controlled',
    initialValues: { name: '', email: '', password: '', role: 'officer', office_id: me?.office_id ?? null, locale: i18n.resolvedLanguage ?? 'en', active: true },
    validate: userValidation(t, true),
  });
  useEffect(() => {
    if (create.error) form.setErrors(formErrors(create.error, t, USER_FIELDS).fieldErrors);
  }, [create.error]);
  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };
  const { otherErrors, fieldErrors } = formErrors(create.error, t, USER_FIELDS);
  const general = !create.error ? [] : otherErrors.length ? otherErrors : Object.keys(fieldErrors).length ? [] : [errorMessage(create.error, t)];
  return (
    <Modal opened={opened} onClose={close} title={t('admin.newUser')} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          create.mutate(
            {
              name: v.name.trim(),
              email: v.email.trim(),
              password: v.password,
              role: v.role as Role,
              office_id: v.office_id!,
              locale: (v.locale ?? 'en') as UserRecord['locale'],
            },
            {
              onSuccess: (user) => {
                notify.success(t('admin.userCreated', { name: user.name }));
                close();
              },
            },
          ),
        )}
      >
        <Stack gap="md">
          <FormAlert title={t('admin.createFailed')} messages={general} />
          <UserFields form={form} withPassword />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('admin.createUser')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

type UserBody = Required<Pick<UserPatch, 'name' | 'email' | 'role' | 'office_id' | 'locale' | 'active'>>;

function userToValues(u: UserRecord): UserFormValues {
  return { name: u.name, email: u.email, password: '', role: u.role, office_id: u.office_id, locale: u.locale, active: u.active };
}

function valuesToUserBody(v: UserFormValues): UserBody {
  return {
    name: v.name.trim(),
    email: v.email.trim(),
    role: v.role as Role,
    office_id: v.office_id ?? 0,
    locale: (v.locale ?? 'en') as UserRecord['locale'],
    active: v.active,
  };
}

function EditUserModal({ user, onClose }: { user: UserRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const officeName = useOfficeName();
  const update = useUpdateUser();
  const form = useForm<UserFormValues>({ mode: 'controlled', initialValues: userToValues(user), validate: userValidation(t, false) });
  const self = user.id === me?.id;
  const labels: Record<keyof UserBody, string> = {
    name: t('admin.name'),
    email: t('admin.email'),
    role: t('admin.role'),
    office_id: t('admin.office'),
    locale: t('admin.language'),
    active: t('admin.status'),
  };
  const session = useEditSession<UserRecord, UserBody>({
    record: user,
    toBody: (u) => valuesToUserBody(userToValues(u)),
    fetchLatest: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id: user.id } } })),
    save: (version, patch) => update.mutateAsync({ id: user.id, version, patch }),
    describe: (field, value) => ({
      label: labels[field],
      text:
        field === 'role'
          ? t(`roles.${value as Role}`)
          : field === 'office_id'
            ? officeName(value as number)
            : field === 'locale'
              ? t(`languages.${value as UserRecord['locale']}`)
              : field === 'active'
                ? value
                  ? t('admin.active')
                  : t('admin.inactive')
                : String(value ?? ''),
    }),
  });
  useEffect(() => {
    if (session.error) form.setErrors(formErrors(session.error, t, USER_FIELDS).fieldErrors);
  }, [session.error]);
  const { otherErrors, fieldErrors } = formErrors(session.error, t, USER_FIELDS);
  const general = !session.error ? [] : otherErrors.length ? otherErrors : Object.keys(fieldErrors).length ? [] : [errorMessage(session.error, t)];
  const finish = (saved: UserRecord) => {
    notify.success(t('admin.userSaved', { name: saved.name }));
    onClose();
  };
  return (
    <Modal opened onClose={onClose} title={t('admin.editUserTitle', { name: user.name })} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={form.onSubmit(async (v) => {
          const saved = await session.submit(valuesToUserBody(v));
          if (saved) finish(saved);
        })}
      >
        <Stack gap="md">
          <FormAlert title={t('admin.saveFailed')} messages={general} />
          <UserFields form={form} withPassword={false} self={self} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={session.saving}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <UserSessions user={user} self={self} />
      <ConflictDialog
        opened={session.conflict}
        rows={session.conflictRows}
        onClose={session.dismiss}
        onReload={() => {
          const latest = session.reload();
          if (latest) form.setValues(userToValues(latest));
        }}
        onReapply={async () => {
          const saved = await session.reapply();
          if (saved) finish(saved);
        }}
        reapplying={session.saving}
      />
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v: string) => (v.length < MIN_PASSWORD ? t('validation.minLength', { count: MIN_PASSWORD }) : null),
      confirm: (v: string, values: { password: string }) => (v !== values.password ? t('admin.passwordsDiffer') : null),
    },
  });
  useEffect(() => {
    if (update.error) form.setErrors(formErrors(update.error, t, ['password']).fieldErrors);
  }, [update.error]);
  const { otherErrors, fieldErrors } = formErrors(update.error, t, ['password']);
  const general = !update.error ? [] : otherErrors.length ? otherErrors : Object.keys(fieldErrors).length ? [] : [errorMessage(update.error, t)];
  return (
    <Modal opened onClose={onClose} title={t('admin.resetPasswordTitle', { name: user.name })} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          update.mutate(
            { id: user.id, version: user.version, patch: { password: v.password } },
            {
              onSuccess: (saved) => {
                notify.success(t('admin.passwordReset', { name: saved.name }));
                onClose();
              },
            },
          ),
        )}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('admin.resetPasswordText')}
          </Text>
          <FormAlert title={t('admin.saveFailed')} messages={general} />
          <PasswordInput label={t('admin.newPassword')} required data-autofocus autoComplete="new-password" {...form.getInputProps('password')} />
          <PasswordInput label={t('admin.confirmPassword')} required autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('admin.resetPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
