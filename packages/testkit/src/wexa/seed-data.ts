// The two task payloads Wexa documents, copied verbatim from the response
// examples of "get task by id" (developers.wexa.ai/get-task-by-id-16213406e0)
// and "Stop task" (developers.wexa.ai/stop-task-16213409e0), also kept in
// /shared/seeds. The emulator answers the first unchanged, and stopping the
// seeded task answers the second, its `updated_at` set to the stop's time.
import type { WexaTaskPayload, WexaTaskSummary } from './payload.js'

/** The response example of `GET /task/{id}?projectID=`: a completed task with one execution. */
export const WEXA_GET_TASK_SEED: WexaTaskPayload = {
  _id: '6805e3a97d3775bffdb87608',
  projectID: '67fdea40aac77be632954f13',
  created_at: 1745216425.41182,
  updated_at: 1745216425.411823,
  status: 'completed',
  created_by: '67fdea40aac77be632954f0e',
  execution_ids: ['5f316a19-debf-479c-aae5-5c3ecceef2b8'],
  execution_nodes: [
    {
      execution_id: '5f316a19-debf-479c-aae5-5c3ecceef2b8',
      _id: '6805e3a97d3775bffdb87607',
      execution_type: 'execution',
      children: [],
    },
  ],
  name: 'new platform',
  executions: [
    {
      agentflow_id: '67fdea9b68df1c3e9580a549',
      conclusion: {
        conclusion:
          "# Dr. A.P.J. Abdul Kalam: A Visionary Leader and Scientist\n\n## Introduction\n\nDr. A.P.J. Abdul Kalam, known as the **'Missile Man of India'**, was a renowned scientist and the 11th President of India. His life and work continue to inspire millions.\n\n## Biography\n\n### Early Life\n\nBorn on October 15, 1931, in Rameswaram, Tamil Nadu, Abdul Kalam came from a humble background. He pursued physics and aerospace engineering, which laid the foundation for his illustrious career.\n\n### Career\n\nKalam joined the **Defence Research and Development Organisation (DRDO)** and later the **Indian Space Research Organisation (ISRO)**, where he played a pivotal role in India's civilian space program and military missile development.\n\n### Presidency\n\nIn 2002, Abdul Kalam became the **President of India**, serving until 2007. His presidency was marked by his focus on education and youth empowerment.\n\n## Achievements\n\n- Key architect of India's missile program, including the development of the **Agni** and **Prithvi** missiles.\n- Played a significant role in India's **Pokhran-II nuclear tests** in 1998.\n- Authored several books, including **'Wings of Fire'** and **'India 2020'**, inspiring young minds.\n\n## Legacy\n\nDr. Kalam's legacy is one of inspiration and vision. He is remembered for his dedication to education, his humility, and his dream of a developed India. His birthday is celebrated as **World Students' Day** in his honor.\n\n## Conclusion\n\nDr. A.P.J. Abdul Kalam's life is a testament to the power of dreams and perseverance. His contributions to science and his vision for India continue to guide and inspire future generations.",
        links: [],
        created_at: 1745216582.085667,
      },
      execution_id: '5f316a19-debf-479c-aae5-5c3ecceef2b8',
      files: [],
      goal: 'create a content about abdul kalam',
      projectID: '67fdea40aac77be632954f13',
      start_from_agent_id: null,
      status: 'completed',
      task_id: '6805e3a97d3775bffdb87608',
    },
  ],
  executions_status_count: {
    completed: 1,
  },
}

/** The response example of `POST /task/{id}/stop` (201): no `executions`, no `executions_status_count`. */
export const WEXA_STOP_TASK_SEED: WexaTaskSummary = {
  _id: '680716d41a9ea363140a265c',
  projectID: '67fdea40aac77be632954f13',
  created_at: 1745295060.584305,
  updated_at: 1745295060.584308,
  status: 'cancelled',
  created_by: '67fdea40aac77be632954f0e',
  execution_ids: ['3cbdb27a-8bff-4a65-a9d2-75702f9397fc'],
  execution_nodes: [
    {
      execution_id: '3cbdb27a-8bff-4a65-a9d2-75702f9397fc',
      _id: '680716d41a9ea363140a265b',
      execution_type: 'execution',
      children: [],
    },
  ],
  name: 'content creator testing',
}
