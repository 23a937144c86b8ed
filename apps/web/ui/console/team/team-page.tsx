import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { screenQuery } from '../../shared/api/graphql';
import { useFormat } from '../../shared/i18n/format';
import { homeView } from '../../shared/map/home-view';
import { type MapPoint, MapView } from '../../shared/map/map-view';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';

interface TeamAnswer {
  team: {
    user: { id: string; name: string; email: string };
    visits: { id: string; targetName: string; verification: string; checkedInAt: string }[];
    lastCheckIn: { id: string; lat: number; lng: number; checkedInAt: string; targetName: string } | null;
  }[];
}

/** My reps today: how many visits each made, and where each last checked in. */
export function TeamPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const team = useQuery({ queryKey: ['team'], queryFn: () => screenQuery<TeamAnswer>('Team') });
  const members = team.data?.team ?? [];
  const points: MapPoint[] = members.flatMap((member) =>
    member.lastCheckIn ? [{ id: member.user.id, kind: 'visit' as const, lng: member.lastCheckIn.lng, lat: member.lastCheckIn.lat }] : [],
  );
  return (
    <section>
      <h1>{t('team.title')}</h1>
      <StatusLine loading={team.isPending} error={team.error} />
      <div className="split">
        <table>
          <thead>
            <tr>
              <th>{t('team.rep')}</th>
              <th>{t('team.visits')}</th>
              <th>{t('team.lastCheckIn')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.user.id}>
                <td>{member.user.name}</td>
                <td>{format.number(member.visits.length)}</td>
                <td>
                  {member.lastCheckIn ? `${format.dateTime(member.lastCheckIn.checkedInAt)} · ${member.lastCheckIn.targetName}` : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <MapView label={t('team.title')} center={homeView(session.country)} zoom={11} points={points} />
      </div>
    </section>
  );
}
