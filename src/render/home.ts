import type { HomeView, KnownBlock } from '@slack/types';
import type { Session, SummaryModel } from '../engine/index.ts';
import { ACTION } from './action-ids.ts';
import { actions, button, context, divider, header, section } from './blocks.ts';
import { leanLine } from './brief-text.ts';

export interface HomeModel {
  session: Session | null;
  summary: SummaryModel | null;
}

export function renderHome(model: HomeModel): HomeView {
  const { session, summary } = model;
  const blocks: KnownBlock[] = [
    header('Staff Engineer or Engineering Manager?'),
    section(
      'A short, private exchange that ends in a brief for your next 1:1 with your manager. Nothing is shared unless you choose to share it.',
    ),
    divider(),
  ];
  if (summary && session?.status === 'complete') {
    blocks.push(section(`*Where you stand:* ${leanLine(summary)}`));
    blocks.push(
      actions('home', [
        button('Open my brief', ACTION.resume, 'home', { style: 'primary' }),
        button('Start over', ACTION.homeRestart, 'home'),
      ]),
    );
  } else if (session) {
    blocks.push(
      section(
        session.status === 'paused'
          ? '*Paused.* Your answers are saved.'
          : '*In progress.* Your answers are saved.',
      ),
    );
    blocks.push(actions('home', [button('Resume', ACTION.resume, 'home', { style: 'primary' })]));
  } else {
    blocks.push(actions('home', [button('Start', ACTION.resume, 'home', { style: 'primary' })]));
  }
  blocks.push(context('Type `/career-path help` anywhere for the commands.'));
  return { type: 'home', blocks };
}
