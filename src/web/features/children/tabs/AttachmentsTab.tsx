import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Select, Table, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Permission } from '../../../../domain/access/roles.ts';
import { errorMessage } from '../../../api/client.ts';
import { useSession } from '../../../session/session.ts';
import { attachmentUrl, useAttachments, useUploadAttachment, type Attachment } from '../children.api.ts';

export const ATTACHMENT_KIND_LABELS: Record<string, string> = {
  'id-document': '身份证件/户口簿',
  'death-certificate': '死亡证明',
  'court-judgment': '法院判决书',
  'prison-certificate': '服刑/羁押证明',
  'disability-certificate': '残疾人证',
  'medical-record': '诊断证明/病历',
  'police-receipt': '失联查找情况回执单',
  'application-form': '申请表',
  other: '其他材料',
};
/** The server's limit for one attachment (children.attachments.ts). */
export const MAX_ATTACHMENT_MB = 10;
/** The file types the server takes as attachments. */
export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png';

/** A file over the limit, told to the user before it is sent (the server would refuse it). */
export function attachmentTooLarge(file: File, message: ReturnType<typeof App.useApp>['message']): boolean {
  if (file.size <= MAX_ATTACHMENT_MB * 1024 * 1024) return false;
  void message.error(`文件不能超过 ${MAX_ATTACHMENT_MB} MB`);
  return true;
}

/** 附件: evidence files (PDF/JPG/PNG ≤ 10 MB); each download is audited by the server. */
export function AttachmentsTab({ childId, active }: { childId: string; active: boolean }) {
  const { message } = App.useApp();
  const { permissions } = useSession();
  const list = useAttachments(childId, active);
  const upload = useUploadAttachment(childId);
  const [kind, setKind] = useState('death-certificate');

  return (
    <>
      {permissions.has(Permission.childWrite) && (
        <Flex gap={8} style={{ marginBottom: 16 }} align="center">
          <Select
            style={{ width: 200 }}
            value={kind}
            onChange={setKind}
            options={Object.entries(ATTACHMENT_KIND_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <Upload
            accept={ATTACHMENT_ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => (attachmentTooLarge(file, message) ? Upload.LIST_IGNORE : true)}
            customRequest={({ file, onSuccess, onError }) => {
              upload.mutate(
                { file: file as File, kind },
                {
                  onSuccess: (a) => {
                    void message.success(`已上传 ${a.fileName}`);
                    onSuccess?.(a);
                  },
                  onError: (err) => {
                    void message.error(errorMessage(err));
                    onError?.(err);
                  },
                },
              );
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>
              上传证明材料
            </Button>
          </Upload>
          <Typography.Text type="secondary">
            支持 PDF、JPG、PNG，单个不超过 {MAX_ATTACHMENT_MB} MB
          </Typography.Text>
        </Flex>
      )}
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table<Attachment>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={false}
        locale={{ emptyText: '暂无附件' }}
        columns={[
          { title: '材料类别', dataIndex: 'kind', render: (k: string) => ATTACHMENT_KIND_LABELS[k] ?? k },
          {
            title: '文件',
            dataIndex: 'fileName',
            render: (name: string, a) => (
              <a href={attachmentUrl(childId, a.id)} target="_blank" rel="noreferrer">
                {name}
              </a>
            ),
          },
          { title: '大小', dataIndex: 'size', render: (n: number) => `${(n / 1024).toFixed(0)} KB` },
          { title: '上传人', dataIndex: 'uploadedBy', render: (u: string | null) => u ?? '—' },
          {
            title: '上传时间',
            dataIndex: 'uploadedAt',
            render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm'),
          },
        ]}
      />
    </>
  );
}
