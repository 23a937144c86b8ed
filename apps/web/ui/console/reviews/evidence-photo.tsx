import { useQuery } from '@tanstack/react-query';
import { answerOf, rest } from '../../shared/api/client';

/** A photo of the file service: its metadata carries a presigned download URL an <img> can load without a token. */
export function EvidencePhoto({ fileId, alt }: { fileId: string; alt: string }) {
  const photo = useQuery({
    queryKey: ['file', fileId],
    // The URL expires; read it again rather than keep a stale one.
    staleTime: 60_000,
    queryFn: () => answerOf(rest.GET('/api/v1/files/{id}', { params: { path: { id: fileId } } })),
  });
  if (!photo.data) return null;
  return <img src={photo.data.downloadUrl} alt={alt} className="evidence-photo" />;
}
