import { useQuery } from '@tanstack/react-query';
import { tokenStore } from '../../shared/api/token-store';

/** A photo of the file service, fetched with the session's token (an <img src> cannot send it) and shown from memory. */
export function EvidencePhoto({ fileId, alt }: { fileId: string; alt: string }) {
  const photo = useQuery({
    queryKey: ['file', fileId],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const token = tokenStore.read()?.accessToken;
      const response = await fetch(`/api/v1/files/${fileId}/content`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (!response.ok) throw new Error(`${response.status}`);
      return URL.createObjectURL(await response.blob());
    },
  });
  if (!photo.data) return null;
  return <img src={photo.data} alt={alt} className="evidence-photo" />;
}
