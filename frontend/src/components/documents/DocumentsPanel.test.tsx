import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, signedInRoutes, stubApi, users } from '../../test/api';
import { renderWithProviders } from '../../test/render';
import { DocumentsPanel } from './DocumentsPanel';

const officer = users.items[1]!;

function doc(id: number, name: string, createdBy: number) {
  return {
    id,
    created_at: '2026-11-26T10:00:00Z',
    entity: 'organization',
    entity_id: 3,
    name,
    content_type: 'application/pdf',
    size: 340 * 1024,
    sha256: 'ab'.repeat(32),
    created_by: createdBy,
  };
}

/** A stand-in for XMLHttpRequest that the test drives: progress, then an answer. */
class FakeUpload {
  static sent: FakeUpload[] = [];
  url = '';
  status = 0;
  statusText = '';
  responseText = '';
  body: FormData | null = null;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  getResponseHeader() {
    return null;
  }
  send(body: FormData) {
    this.body = body;
    FakeUpload.sent.push(this);
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

afterEach(() => {
  FakeUpload.sent = [];
  vi.unstubAllGlobals();
});

describe('the documents panel', () => {
  it('uploads several files side by side, each with its own progress', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeUpload);
    stubApi({
      ...signedInRoutes({ ...officer }),
      'GET /api/v1/organizations/3/documents': json({ items: [doc(1, 'Agenda.pdf', 1)], next_cursor: null }),
    });
    const user = userEvent.setup();
    renderWithProviders(<DocumentsPanel collection="organizations" recordId={3} canWrite />);
    expect(await screen.findByRole('link', { name: 'Agenda.pdf' })).toHaveAttribute('href', '/api/v1/documents/1/content');
    // Someone else's document: an officer may not delete it.
    expect(screen.queryByRole('button', { name: 'Delete Agenda.pdf' })).toBeNull();

    const minutes = new File(['x'.repeat(2048)], 'Minutes.pdf', { type: 'application/pdf' });
    const photo = new File(['y'.repeat(4096)], 'Zenica.jpg', { type: 'image/jpeg' });
    const huge = new File(['z'], 'Scan.tiff');
    Object.defineProperty(huge, 'size', { value: 26 * 1024 * 1024 });
    await user.upload(screen.getByLabelText('Choose files'), [minutes, photo, huge]);

    // The one over 25 MiB is refused without being sent; the others go at once.
    await waitFor(() => expect(FakeUpload.sent).toHaveLength(2));
    expect(FakeUpload.sent.map((x) => x.url)).toEqual(['/api/v1/organizations/3/documents', '/api/v1/organizations/3/documents']);
    expect((FakeUpload.sent[0]!.body!.get('file') as File).name).toBe('Minutes.pdf');
    const row = (name: string) => screen.getByText(name).closest('[data-upload-status]')!;
    expect(row('Scan.tiff')).toHaveAttribute('data-upload-status', 'failed');
    expect(within(row('Scan.tiff') as HTMLElement).getByText('Larger than 25 MiB.')).toBeInTheDocument();

    act(() => FakeUpload.sent[0]!.progress(1100, 2200));
    expect(within(row('Minutes.pdf') as HTMLElement).getByText('1 KB of 2 KB')).toBeInTheDocument();
    expect(row('Zenica.jpg')).toHaveAttribute('data-upload-status', 'uploading');

    act(() => FakeUpload.sent[0]!.answer(201, doc(2, 'Minutes.pdf', officer.id)));
    act(() =>
      FakeUpload.sent[1]!.answer(422, {
        title: 'Unprocessable Entity',
        status: 422,
        code: 'validation_failed',
        errors: [{ location: 'body.file', message: 'is empty' }],
      }),
    );
    await waitFor(() => expect(row('Minutes.pdf')).toHaveAttribute('data-upload-status', 'done'));
    expect(row('Zenica.jpg')).toHaveAttribute('data-upload-status', 'failed');
    expect(within(row('Minutes.pdf') as HTMLElement).getByText('Uploaded')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear finished' }));
    expect(screen.queryByText('Zenica.jpg')).toBeNull();
  });

  it('offers delete to the uploader, asks first, and no drop zone to readers', async () => {
    const api = stubApi({
      ...signedInRoutes({ ...officer }),
      'GET /api/v1/visits/4/documents': json({ items: [doc(7, 'Programme.pdf', officer.id)], next_cursor: null }),
      'DELETE /api/v1/documents/7': () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    const view = renderWithProviders(<DocumentsPanel collection="visits" recordId={4} canWrite />);
    await user.click(await screen.findByRole('button', { name: 'Delete Programme.pdf' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Programme.pdf?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete Programme.pdf' }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'DELETE')).toBe(true));
    view.unmount();

    stubApi({
      ...signedInRoutes({ ...officer, role: 'viewer' }),
      'GET /api/v1/visits/4/documents': json({ items: [doc(7, 'Programme.pdf', officer.id)], next_cursor: null }),
    });
    renderWithProviders(<DocumentsPanel collection="visits" recordId={4} canWrite={false} />);
    expect(await screen.findByRole('link', { name: 'Programme.pdf' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Choose files')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete Programme.pdf' })).toBeNull();
  });
});
